/**
 * Ledger: reads the marketplace's charges CSV as a stream of entries, one per data row (its cells read as
 * spreadsheet-cells says) or one per problem of the file, each with its line. The header is checked against
 * charge-input's fields. The charge import (import-charges.ts) consumes it without holding the file in memory.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CHARGE_FIELDS } from './charge-input.ts';
import { detectDelimiter, detectEncoding, RecordLines, utf8Chunks } from './csv-source.ts';
import { readChargeCell } from './spreadsheet-cells.ts';

/** Something wrong at a line of the file (line 1 is the header). */
export interface Problem {
  line: number;
  message: string;
}

/**
 * A data row as a JSON-like item (empty cells are absent fields) with the problems of its cells (a bad
 * cell is left out of the item), or a problem of the file itself.
 */
export type CsvEntry =
  | { kind: 'row'; line: number; item: Record<string, string | number>; cellProblems: Problem[] }
  | { kind: 'problem'; problem: Problem };

interface CsvRecord {
  record: string[];
  info: { bytes: number };
}

const OPTIONAL_COLUMNS = new Set(['slack_user_id', 'marketplace_id', 'client_phone']);

export function headerProblems(header: readonly string[]): Problem[] {
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

/** Excel writes empty cells past the last column when cells there were ever touched: they are not data. */
function withoutTrailingBlanks(fields: readonly string[], keep: number): string[] {
  let end = fields.length;
  while (end > keep && (fields[end - 1] ?? '').trim() === '') end--;
  return fields.slice(0, end);
}

function toEntry(columns: readonly string[], line: number, rawFields: readonly string[]): CsvEntry {
  const fields = withoutTrailingBlanks(rawFields, columns.length);
  if (fields.length !== columns.length) {
    return {
      kind: 'problem',
      problem: { line, message: `has ${fields.length} fields, the header has ${columns.length}` },
    };
  }
  const item: Record<string, string | number> = {};
  const cellProblems: Problem[] = [];
  columns.forEach((column, index) => {
    const reading = readChargeCell(column, fields[index] ?? '');
    if (!reading.ok) cellProblems.push({ line, message: `${column}: ${reading.message}` });
    else if (reading.value !== undefined) item[column] = reading.value;
  });
  return { kind: 'row', line, item, cellProblems };
}

/** The first chunks until the header line is complete, to detect the delimiter before parsing. */
async function peekHeader(chunks: AsyncGenerator<Buffer>): Promise<{ head: Buffer[]; headerLine: string }> {
  const head: Buffer[] = [];
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    if (next.value.includes(0x0a)) break;
  }
  const text = Buffer.concat(head).toString('utf8');
  return { head, headerLine: text.split(/\r?\n/, 1)[0] ?? '' };
}

/**
 * Streams a charges CSV: `;` or `,` separated (detected from the header), UTF-8 or Windows-1252,
 * one entry per non-blank data row, with the line where the row starts. Memory stays flat: the caller
 * pulls entries and the file is read as they are consumed. A file that is not CSV throws csv-parse's CsvError.
 */
export async function* readChargeCsv(path: string): AsyncGenerator<CsvEntry> {
  const chunks = utf8Chunks(path, await detectEncoding(path));
  const { head, headerLine } = await peekHeader(chunks);
  const lines = new RecordLines();
  const source = Readable.from(
    (async function* () {
      for (const chunk of [...head]) {
        lines.feed(chunk);
        yield chunk;
      }
      for await (const chunk of chunks) {
        lines.feed(chunk);
        yield chunk;
      }
    })(),
  );
  const parser = source.pipe(
    parse({
      delimiter: detectDelimiter(headerLine),
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }),
  );
  source.on('error', (error) => parser.destroy(error));

  let columns: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
    const line = lines.startOf(info.bytes);
    if (columns === undefined) {
      columns = withoutTrailingBlanks(record, 0).map((name) => name.trim());
      const problems = headerProblems(columns);
      for (const problem of problems) yield { kind: 'problem', problem };
      if (problems.length > 0) return;
      continue;
    }
    if (record.every((cell) => cell.trim() === '')) continue;
    yield toEntry(columns, line, record);
  }
  if (columns === undefined)
    yield { kind: 'problem', problem: { line: 1, message: 'the file is empty: a header row is needed' } };
}
