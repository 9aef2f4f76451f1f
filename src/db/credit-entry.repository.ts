/**
 * Repository: the SQL of `credit_entries`, the refunds (and reversals) that put credits back on a professional's
 * balance. At most one entry of each kind per claim, written in the caller's approval or reversal transaction.
 */
import type { Db } from './database.ts';

/**
 * The refund itself: credits back on the balance, one entry per claim ever (unique claim_id and kind),
 * written in the approval's transaction. A second approval path, a retry or a race finds the entry
 * there. The reversal of an automatic approval is the claim's one `reversal` entry.
 */
export async function recordCreditEntry(
  trx: Db,
  entry: { claimId: string; professionalId: string; chargeId: string | null; credits: number; at: Date },
  kind: 'refund' | 'reversal' = 'refund',
): Promise<boolean> {
  const inserted = await trx
    .insertInto('credit_entries')
    .values({
      claim_id: entry.claimId,
      professional_id: entry.professionalId,
      charge_id: entry.chargeId,
      // A reversal takes the refund back: the same credits, negative, so the entries add up.
      credits: kind === 'reversal' ? -Math.abs(entry.credits) : entry.credits,
      created_at: entry.at,
      kind,
    })
    .onConflict((oc) => oc.columns(['claim_id', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
