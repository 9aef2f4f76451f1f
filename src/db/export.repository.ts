/**
 * Repository: the SQL of the claims export: claims submitted in a date range, read one keyset page at a time so
 * an export of any size never loads every row at once.
 */
import { CLAIM_SUMMARY_COLUMNS, toClaimSummary, type ClaimSummary } from './claim.repository.ts';
import type { Db } from './database.ts';

/** A claim as the export writes it: the columns a person reads, mapped like every other claim. */
export type ExportClaimRow = ClaimSummary;

/**
 * One page of the claims submitted in [from, to), oldest first, after the cursor (keyset pagination on
 * (submitted_at, id), index claims_submitted_at): an export of any size is read a page at a time.
 */
export async function pageClaimsSubmitted(
  db: Db,
  range: { from: Date; to: Date },
  after: { submittedAt: Date; id: string } | undefined,
  limit: number,
): Promise<ExportClaimRow[]> {
  let query = db
    .selectFrom('claims')
    .select(CLAIM_SUMMARY_COLUMNS)
    .where('submitted_at', '>=', range.from)
    .where('submitted_at', '<', range.to);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('submitted_at', '>', after.submittedAt),
        eb.and([eb('submitted_at', '=', after.submittedAt), eb('id', '>', after.id)]),
      ]),
    );
  const rows = await query.orderBy('submitted_at').orderBy('id').limit(limit).execute();
  return rows.map(toClaimSummary);
}
