import type { Db } from './database.ts';

/**
 * The refund itself: credits back on the balance, one entry per claim ever (unique claim_id), written
 * in the approval's transaction. A second approval path, a retry or a race finds the entry there.
 */
export async function recordCreditEntry(
  trx: Db,
  entry: { claimId: string; professionalId: string; chargeId: string | null; credits: number; at: Date },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('credit_entries')
    .values({
      claim_id: entry.claimId,
      professional_id: entry.professionalId,
      charge_id: entry.chargeId,
      credits: entry.credits,
      created_at: entry.at,
    })
    .onConflict((oc) => oc.column('claim_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
