/**
 * Repository: the SQL of claims, the central `claims` table: lookups and lists for Slack and the review queue,
 * the per-professional lock, and compare-and-set decisions, assignments and contests, so a concurrent click
 * changes a claim at most once. `toClaim` and `toClaimSummary` map rows for the other repositories too.
 */
import { sql } from 'kysely';
import type { AutoApproveCase, Claim, IsoDate, Reason, Verdict } from '../domain/claim.ts';
import { APPROVED, PENDING_REVIEW, TRANSITIONS, type ReviewDecision } from '../domain/claim-state.ts';
import type { Db, Trx } from './database.ts';
import type { ClaimRow } from './schema.ts';

/** Serialises one professional's submissions so the history the policy reads cannot change under it. */
export async function lockProfessional(trx: Trx, professionalId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`claims:${professionalId}`}, 0))`.execute(trx);
}

export async function findClaimById(db: Db, id: string): Promise<Claim | undefined> {
  const row = await db.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toClaim(row);
}

/** The professional's approved "sent by mistake" claim, if any: the policy refunds that case once. */
export async function findApprovedMistake(db: Db, professionalId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('claims')
    .select('reference')
    .where('professional_id', '=', professionalId)
    .where('reason', '=', 'sent_by_mistake')
    .where('status', '=', APPROVED)
    .executeTakeFirst();
  return row?.reference;
}

/** A professional's latest claims, newest first (index claims_professional_submitted). */
export async function listClaimsOfProfessional(db: Db, professionalId: string, limit = 20): Promise<Claim[]> {
  const rows = await db
    .selectFrom('claims')
    .selectAll()
    .where('professional_id', '=', professionalId)
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toClaim);
}

export async function countClaimsOfProfessional(db: Db, professionalId: string): Promise<number> {
  const row = await db
    .selectFrom('claims')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('professional_id', '=', professionalId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The review queue: pending claims, the earliest deadline first (index claims_pending_by_deadline). */
export async function listPendingClaims(db: Db, limit: number): Promise<{ claims: Claim[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('claims')
      .selectAll()
      .where('status', '=', PENDING_REVIEW)
      .orderBy('review_deadline_on')
      .orderBy('submitted_at')
      .limit(limit)
      .execute(),
    db
      .selectFrom('claims')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', PENDING_REVIEW)
      .executeTakeFirstOrThrow(),
  ]);
  return { claims: rows.map(toClaim), total: Number(count.n) };
}

export interface Decision {
  claimId: string;
  status: ReviewDecision;
  decidedBy: string;
  decidedAt: Date;
  reason: string | null;
}

/** Compare-and-set: only a claim still pending can be decided, so concurrent clicks give one decision. */
export async function recordDecision(trx: Db, decision: Decision): Promise<Claim | undefined> {
  const row = await trx
    .updateTable('claims')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
      decision_reason: decision.reason,
    })
    .where('id', '=', decision.claimId)
    .where('status', 'in', TRANSITIONS.decide.from)
    .returningAll()
    .executeTakeFirst();
  return row && toClaim(row);
}

/** Assigns a pending claim to a reviewer (taking it over from another); undefined when no longer pending. */
export async function assignClaim(trx: Db, claimId: string, reviewerId: string, at: Date): Promise<Claim | undefined> {
  const row = await trx
    .updateTable('claims')
    .set({ assigned_to: reviewerId, assigned_at: at })
    .where('id', '=', claimId)
    .where('status', '=', PENDING_REVIEW)
    .returningAll()
    .executeTakeFirst();
  return row && toClaim(row);
}

export async function recordReviewMessage(db: Db, claimId: string, channelId: string, ts: string): Promise<void> {
  await db
    .updateTable('claims')
    .set({ review_channel_id: channelId, review_message_ts: ts })
    .where('id', '=', claimId)
    .execute();
}

/** The claim, locked until the transaction ends, with the view id of its contest (if any). */
export async function findClaimForContest(
  trx: Trx,
  claimId: string,
): Promise<{ claim: Claim; contestSourceViewId: string | null } | undefined> {
  const row = await trx.selectFrom('claims').selectAll().where('id', '=', claimId).forUpdate().executeTakeFirst();
  return row && { claim: toClaim(row), contestSourceViewId: row.contest_source_view_id };
}

/**
 * Compare-and-set: an ineligible claim never contested goes to review, with its new deadline.
 * Undefined when it was contested (or changed) in the meantime.
 */
export async function recordContest(
  trx: Trx,
  contest: { claimId: string; at: Date; reason: string; sourceViewId: string; reviewDeadlineOn: IsoDate },
): Promise<Claim | undefined> {
  const row = await trx
    .updateTable('claims')
    .set({
      status: TRANSITIONS.contest.to[0],
      contested_at: contest.at,
      contest_reason: contest.reason,
      contest_source_view_id: contest.sourceViewId,
      review_deadline_on: contest.reviewDeadlineOn,
    })
    .where('id', '=', contest.claimId)
    .where('status', 'in', TRANSITIONS.contest.from)
    .where('contested_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toClaim(row);
}

/** The columns of a claim a person reads in a list or an export; `toClaim` maps the rest. */
export const CLAIM_SUMMARY_COLUMNS = [
  'id',
  'reference',
  'professional_id',
  'client_first_name',
  'client_last_name',
  'client_phone',
  'service',
  'answered_on',
  'received_on',
  'credits',
  'reason',
  'status',
  'submitted_at',
  'review_deadline_on',
  'decided_by',
  'decided_at',
] as const satisfies ReadonlyArray<keyof ClaimRow>;

export type ClaimSummary = Pick<
  Claim,
  | 'id'
  | 'reference'
  | 'professionalId'
  | 'clientFirstName'
  | 'clientLastName'
  | 'clientPhone'
  | 'service'
  | 'answeredOn'
  | 'receivedOn'
  | 'credits'
  | 'reason'
  | 'status'
  | 'submittedAt'
  | 'reviewDeadlineOn'
  | 'decidedBy'
  | 'decidedAt'
>;

export function toClaimSummary(row: Pick<ClaimRow, (typeof CLAIM_SUMMARY_COLUMNS)[number]>): ClaimSummary {
  return {
    id: row.id,
    reference: row.reference,
    professionalId: row.professional_id,
    clientFirstName: row.client_first_name,
    clientLastName: row.client_last_name,
    clientPhone: row.client_phone,
    service: row.service,
    answeredOn: row.answered_on,
    receivedOn: row.received_on,
    credits: row.credits,
    reason: row.reason as Reason,
    status: row.status,
    submittedAt: row.submitted_at,
    reviewDeadlineOn: row.review_deadline_on,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
  };
}

export function toClaim(row: ClaimRow): Claim {
  return {
    ...toClaimSummary(row),
    teamId: row.team_id,
    description: row.description,
    verdict: row.verdict as Verdict,
    decisionReason: row.decision_reason,
    reviewChannelId: row.review_channel_id,
    reviewMessageTs: row.review_message_ts,
    assignedTo: row.assigned_to,
    autoApprovedCase: row.auto_approved_case as AutoApproveCase | null,
    reversal:
      row.reversed_by !== null && row.reversed_at !== null
        ? { by: row.reversed_by, at: row.reversed_at, reason: row.reversal_reason ?? '' }
        : null,
    contest:
      row.contested_at && row.contest_reason !== null ? { at: row.contested_at, reason: row.contest_reason } : null,
  };
}
