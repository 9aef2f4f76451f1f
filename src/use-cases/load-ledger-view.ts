import { findChargesForMatching, hasLedgerData, ledgerTotals90Days } from '../db/charge.repository.ts';
import type { Db } from '../db/database.ts';
import type { ClaimInput } from '../domain/claim.ts';
import type { LedgerView } from '../domain/ledger.ts';
import { addDays } from '../domain/rome-calendar.ts';

/**
 * The charges the policy may need for one claim: around the answer date for the match (±1 day, with
 * margin, and the days after, when a duplicate request may have been answered), back far enough to see an earlier charge for the same lead (a later interaction that should
 * never have been charged) and a duplicate request answered twice.
 */
export async function loadLedgerView(
  db: Db,
  professionalId: string,
  input: ClaimInput,
  now: Date,
): Promise<LedgerView> {
  const from = new Date(`${addDays(input.answeredOn, -60)}T00:00:00Z`);
  const to = new Date(`${addDays(input.answeredOn, 10)}T00:00:00Z`);
  const [hasData, charges, last90Days] = await Promise.all([
    hasLedgerData(db, professionalId),
    findChargesForMatching(db, professionalId, from, to),
    ledgerTotals90Days(db, professionalId, now),
  ]);
  return { hasData, charges, last90Days };
}
