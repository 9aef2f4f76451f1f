import { readFileSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse/sync';
import { loadDatabaseTarget, loadDotEnv } from '../config.ts';
import { openDatabase, type OpenDatabase } from '../db/open-database.ts';
import { createLogger } from '../logger.ts';
import { CHARGE_FIELDS, parseChargeBatch, type ChargeItemError } from './charge-input.ts';
import { ingestCharges } from './ingest-charges.ts';

/**
 * `npm run import-charges -- FILE.csv`: the marketplace's export, one charge per row, the header naming
 * the same fields as the JSON of POST /ledger/charges. Every row is checked before anything is written;
 * one bad row and nothing is imported. Errors name the line of the file where the row starts.
 */
interface CsvRow {
  line: number;
  item: Record<string, string | number>;
}

/** What csv-parse gives with `info: true`: `bytes` is the offset just past the record. */
interface CsvRecord {
  record: string[];
  info: { bytes: number };
}

/** Something wrong at a line of the file (line 1 is the header). */
interface Problem {
  line: number;
  message: string;
}

const OPTIONAL_COLUMNS = new Set(['slack_user_id', 'marketplace_id', 'client_phone']);

/**
 * csv-parse counts a CRLF inside a quoted field as two lines, so each record's first line is counted
 * here from the byte offset where the previous record ended (blank lines in between are skipped).
 */
function withStartLines(buffer: Buffer, records: readonly CsvRecord[]) {
  let offset = 0;
  let line = 1;
  const advanceTo = (end: number) => {
    for (; offset < end; offset++) {
      if (buffer[offset] === 0x0a || (buffer[offset] === 0x0d && buffer[offset + 1] !== 0x0a)) line++;
    }
  };
  return records.map(({ record, info }) => {
    while (buffer[offset] === 0x0a || buffer[offset] === 0x0d) advanceTo(offset + 1);
    const start = line;
    advanceTo(info.bytes);
    return { line: start, fields: record };
  });
}

function headerProblems(header: readonly string[]): Problem[] {
  const messages = header.flatMap((name, index) => {
    if (!CHARGE_FIELDS.includes(name)) return [`column "${name}" is not a known field`];
    return header.indexOf(name) < index ? [`column "${name}" appears twice`] : [];
  });
  for (const field of CHARGE_FIELDS) {
    if (!OPTIONAL_COLUMNS.has(field) && !header.includes(field)) messages.push(`column "${field}" is missing`);
  }
  if (!header.includes('slack_user_id') && !header.includes('marketplace_id')) {
    messages.push('a slack_user_id or a marketplace_id column is needed');
  }
  return messages.map((message) => ({ line: 1, message }));
}

/** Rows as JSON-like items: empty cells are absent fields, credits a number when written as one. */
function readChargeRows(buffer: Buffer): { rows: CsvRow[]; problems: Problem[] } {
  const options = { bom: true, info: true, relax_column_count: true, skip_empty_lines: true };
  const records = parse(buffer, options) as unknown as CsvRecord[];
  const [header, ...data] = withStartLines(buffer, records);
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the file is empty: a header row is needed' }] };
  const columns = header.fields.map((name) => name.trim());
  const problems = headerProblems(columns);
  if (problems.length > 0) return { rows: [], problems };
  const rows: CsvRow[] = [];
  for (const { line, fields } of data) {
    if (fields.every((cell) => cell.trim() === '')) continue;
    if (fields.length !== columns.length) {
      problems.push({ line, message: `has ${fields.length} fields, the header has ${columns.length}` });
      continue;
    }
    const item: CsvRow['item'] = {};
    columns.forEach((column, index) => {
      const cell = (fields[index] ?? '').trim();
      if (cell !== '') item[column] = column === 'credits' && /^\d+$/.test(cell) ? Number(cell) : cell;
    });
    rows.push({ line, item });
  }
  return { rows, problems };
}

function itemProblems(errors: readonly ChargeItemError[], rows: readonly CsvRow[]): Problem[] {
  return errors.map((error) => ({ line: rows[error.item]?.line ?? 0, message: `${error.field}: ${error.message}` }));
}

async function importCharges(path: string): Promise<number> {
  const buffer = readFileSync(path);
  const { rows, problems } = readChargeRows(buffer);
  const describeItem = (item: number) => `line ${rows[item]?.line ?? '?'}`;
  const parsed = parseChargeBatch(rows.map((row) => row.item), { describeItem });
  if (problems.length > 0 || !parsed.ok) return fail([...problems, ...(parsed.ok ? [] : itemProblems(parsed.errors, rows))]);

  let database: OpenDatabase | undefined;
  try {
    database = await openDatabase(loadDatabaseTarget(), createLogger('info', (line) => console.error(line)), {
      max: 1,
      attachToRunning: true,
    });
    const outcome = await ingestCharges(database.db, parsed.charges, new Date());
    if (outcome.kind === 'invalid') return fail(itemProblems(outcome.errors, rows));
    if (outcome.kind === 'conflict') {
      const lineOf = new Map(parsed.charges.map((charge, item) => [charge.chargeId, rows[item]?.line ?? 0]));
      return fail(outcome.chargeIds.map((id) => ({ line: lineOf.get(id) ?? 0, message: `charge_id: ${id} is already stored with different content` })));
    }
    console.log(`${outcome.inserted} inserted, ${outcome.unchanged} unchanged`);
    return 0;
  } finally {
    await database?.close();
  }
}

function fail(problems: readonly Problem[]): number {
  for (const { line, message } of [...problems].sort((a, b) => a.line - b.line)) console.error(`line ${line}: ${message}`);
  console.error('Nothing was imported.');
  return 1;
}

const file = process.argv[2];
if (!file) {
  console.error('Usage: npm run import-charges -- FILE.csv');
  process.exitCode = 1;
} else {
  try {
    loadDotEnv();
    process.exitCode = await importCharges(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof CsvError ? `${file}: not a readable CSV file: ${message}` : message);
    process.exitCode = 1;
  }
}
