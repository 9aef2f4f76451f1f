/**
 * Ledger: the CSV charge import behind the import-charges command. Rows are validated and ingested in
 * batches, all in one transaction: any problem rolls back the whole file, and every problem is reported
 * with its line.
 */
import { createImportScratch, recordImportedIds } from '../db/charge.repository.ts';
import type { Db } from '../db/database.ts';
import { parseChargeBatch, type ParsedCharge } from './charge-input.ts';
import type { CsvEntry, Problem } from './charge-csv.ts';
import { ingestChargesIn } from './ingest-charges.ts';

export type ImportOutcome =
  { kind: 'imported'; inserted: number; unchanged: number } | { kind: 'refused'; problems: Problem[]; more: number };

const ROWS_PER_BATCH = 1000;
/** Problems kept to print; beyond these only their number (a wrong file can have 100,000 bad rows). */
const PROBLEMS_KEPT = 500;

interface Row {
  line: number;
  chargeId: string | undefined;
  item: Record<string, string | number>;
  cellProblems: readonly Problem[];
}

class Refused extends Error {
  constructor() {
    super('the import is refused');
  }
}

/** The charge_id a row names, when it is a usable one, even if other fields are bad: a repeat is still reported. */
function chargeIdOf(item: Record<string, string | number>): string | undefined {
  const id = item.charge_id;
  return typeof id === 'string' && /^\S{1,100}$/.test(id) ? id : undefined;
}

/**
 * Imports the entries of a charges file in one transaction, a batch of rows at a time: the file is never
 * held in memory, and one problem anywhere (a bad field, a repeated charge_id, an unknown marketplace
 * id, a charge stored with other content) rolls everything back. Every row is still checked, so all
 * problems are reported at once.
 */
export async function importChargeEntries(db: Db, entries: AsyncIterable<CsvEntry>, now: Date): Promise<ImportOutcome> {
  const problems: Problem[] = [];
  let more = 0;
  const report = (problem: Problem) => (problems.length < PROBLEMS_KEPT ? problems.push(problem) : more++);
  let inserted = 0;
  let unchanged = 0;

  const importBatch = async (trx: Parameters<typeof createImportScratch>[0], batch: readonly Row[]) => {
    const earlierLineOf = await recordImportedIds(
      trx,
      batch.flatMap((row) => (row.chargeId ? [{ chargeId: row.chargeId, line: row.line }] : [])),
    );
    const firstLineOf = new Map(earlierLineOf);
    const valid: { line: number; charge: ParsedCharge }[] = [];
    for (const row of batch) {
      const first = row.chargeId === undefined ? undefined : firstLineOf.get(row.chargeId);
      if (first !== undefined && first !== row.line)
        report({ line: row.line, message: `charge_id: repeats the charge_id of line ${first}` });
      else if (row.chargeId !== undefined) firstLineOf.set(row.chargeId, row.line);
      row.cellProblems.forEach(report);
      const parsed = parseChargeBatch([row.item]);
      if (!parsed.ok)
        parsed.errors.forEach((error) => report({ line: row.line, message: `${error.field}: ${error.message}` }));
      else if (row.cellProblems.length === 0 && (first === undefined || first === row.line))
        valid.push(...parsed.charges.map((charge) => ({ line: row.line, charge })));
    }
    const outcome = await ingestChargesIn(
      trx,
      valid.map((v) => v.charge),
      now,
    );
    if (outcome.kind === 'ingested') {
      inserted += outcome.inserted;
      unchanged += outcome.unchanged;
    } else if (outcome.kind === 'invalid') {
      outcome.errors.forEach((error) =>
        report({ line: valid[error.item]?.line ?? 0, message: `${error.field}: ${error.message}` }),
      );
    } else {
      const lineOf = new Map(valid.map((v) => [v.charge.chargeId, v.line]));
      outcome.chargeIds.forEach((id) =>
        report({ line: lineOf.get(id) ?? 0, message: `charge_id: ${id} is already stored with different content` }),
      );
    }
  };

  try {
    await db.transaction().execute(async (trx) => {
      await createImportScratch(trx);
      let batch: Row[] = [];
      for await (const entry of entries) {
        if (entry.kind === 'problem') {
          report(entry.problem);
          continue;
        }
        batch.push({
          line: entry.line,
          chargeId: chargeIdOf(entry.item),
          item: entry.item,
          cellProblems: entry.cellProblems,
        });
        if (batch.length >= ROWS_PER_BATCH) {
          await importBatch(trx, batch);
          batch = [];
        }
      }
      await importBatch(trx, batch);
      if (problems.length > 0) throw new Refused();
    });
  } catch (error) {
    if (error instanceof Refused)
      return { kind: 'refused', problems: [...problems].sort((a, b) => a.line - b.line), more };
    throw error;
  }
  return { kind: 'imported', inserted, unchanged };
}
