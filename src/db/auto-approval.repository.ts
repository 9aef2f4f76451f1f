/**
 * Repository: the SQL of automatic approvals and their reversals: the cross-instance lock on the daily cap, the
 * counts and sums the policy checks, and the compare-and-set updates that record an approval or a reversal at most
 * once.
 */
import { sql } from 'kysely';
import type { AutoApproveCase, Claim } from '../domain/claim.ts';
import { POLICY_ACTOR } from '../domain/claim.ts';
import { TRANSITIONS } from '../domain/claim-state.ts';
import type { Db, Trx } from './database.ts';
import { toClaim } from './claim.repository.ts';

/**
 * One automatic approval at a time across every instance, until the transaction ends: the day's
 * automatic credits are read and raised under it, so two instances cannot both pass the daily cap.
 * Taken after the professional's lock (never before), so the two never wait on each other in a cycle.
 */
export async function lockAutomaticApprovals(trx: Trx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended('auto-approval:daily-credits', 0))`.execute(trx);
}

/** Automatic approvals of one professional decided since `since` (reversed ones included). */
export async function countAutomaticApprovalsSince(db: Db, professionalId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('claims')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('professional_id', '=', professionalId)
    .where('auto_approved_case', 'is not', null)
    .where('decided_at', '>', since)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Credits approved automatically in [from, to), across everyone (reversed ones included). */
export async function sumAutomaticCreditsBetween(db: Db, from: Date, to: Date): Promise<number> {
  const row = await db
    .selectFrom('claims')
    .select(sql<number>`coalesce(sum(credits), 0)::int`.as('credits'))
    .where('auto_approved_case', 'is not', null)
    .where('decided_at', '>=', from)
    .where('decided_at', '<', to)
    .executeTakeFirstOrThrow();
  return row.credits;
}

/** True when the charge already has a credit entry, on any claim (a refund, or a refund and its reversal). */
export async function isChargeRefunded(db: Db, chargeId: string): Promise<boolean> {
  const row = await db
    .selectFrom('credit_entries')
    .select('id')
    .where('charge_id', '=', chargeId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Compare-and-set from pending: the policy's decision, with no deadline left to keep. */
export async function recordAutomaticApproval(
  trx: Trx,
  approval: { claimId: string; autoCase: AutoApproveCase; at: Date },
): Promise<Claim | undefined> {
  const row = await trx
    .updateTable('claims')
    .set({
      status: TRANSITIONS.approve_automatically.to[0],
      decided_by: POLICY_ACTOR,
      decided_at: approval.at,
      auto_approved_case: approval.autoCase,
      review_deadline_on: null,
    })
    .where('id', '=', approval.claimId)
    .where('status', 'in', TRANSITIONS.approve_automatically.from)
    .returningAll()
    .executeTakeFirst();
  return row && toClaim(row);
}

/**
 * Compare-and-set: only a standing automatic approval decided after `approvedAfter` (the reversal
 * window) is reversed, so concurrent clicks, two instances or a late click give at most one reversal.
 */
export async function recordReversal(
  trx: Trx,
  reversal: { claimId: string; by: string; at: Date; reason: string; approvedAfter: Date },
): Promise<Claim | undefined> {
  const row = await trx
    .updateTable('claims')
    .set({
      status: TRANSITIONS.reverse.to[0],
      reversed_by: reversal.by,
      reversed_at: reversal.at,
      reversal_reason: reversal.reason,
    })
    .where('id', '=', reversal.claimId)
    .where('status', 'in', TRANSITIONS.reverse.from)
    .where('auto_approved_case', 'is not', null)
    .where('decided_at', '>=', reversal.approvedAfter)
    .returningAll()
    .executeTakeFirst();
  return row && toClaim(row);
}
