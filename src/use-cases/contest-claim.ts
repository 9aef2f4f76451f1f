/**
 * Use case: "Chiedi una verifica" — the professional sends a claim the policy refused to the reviewers, once per
 * claim and only as its claimant. Called by listeners/contest.ts; in one transaction on the locked claim it
 * records the contest with a new 10-business-day deadline and queues the reminders, review post and DM.
 */
import { recordClaimEvent } from '../db/audit.repository.ts';
import { findClaimById, findClaimForContest, recordContest } from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { listEvidence } from '../db/evidence.repository.ts';
import { scheduleNotices } from '../db/reminder.repository.ts';
import { homeRefreshesFor } from './home-refreshes.ts';
import type { Claim } from '../domain/claim.ts';
import { checkClaimantAction, type ClaimantDeclined } from '../domain/claim-state.ts';
import type { BusinessCalendar } from '../domain/business-days.ts';
import { planSla, type SlaConfig } from '../domain/sla.ts';

export interface ContestDeps {
  db: Db;
  calendar: BusinessCalendar;
  sla: SlaConfig;
}

export interface ContestCommand {
  claimId: string;
  userId: string;
  reason: string;
  /** The contest modal's view id: the same contest sent twice is recorded once. */
  sourceViewId: string;
  now: Date;
}

export type ContestOutcome =
  | { kind: 'contested'; claim: Claim; created: boolean }
  | { kind: 'not_found' }
  | { kind: ClaimantDeclined; claim: Claim };

/** Whether this user may contest this claim now: asked when the button opens the reason's modal. */
export async function authorizeContest(
  deps: { db: Db },
  claimId: string,
  userId: string,
): Promise<{ kind: 'allowed'; claim: Claim } | { kind: 'not_found' } | { kind: ClaimantDeclined; claim: Claim }> {
  const claim = await findClaimById(deps.db, claimId);
  if (!claim) return { kind: 'not_found' };
  return { kind: checkClaimantAction('contest', claim, userId) ?? 'allowed', claim };
}

/**
 * Sends an ineligible claim to the review channel because its professional asked for a person to look
 * at it: once per claim, only by the claimant. In one transaction on the locked claim: the status, the
 * deadline (10 business days from the contest), the reminders, the review post and the DM.
 */
export async function contestClaim(deps: ContestDeps, command: ContestCommand): Promise<ContestOutcome> {
  return deps.db.transaction().execute(async (trx) => {
    const found = await findClaimForContest(trx, command.claimId);
    if (!found) return { kind: 'not_found' };
    if (found.contestSourceViewId === command.sourceViewId)
      return { kind: 'contested', claim: found.claim, created: false };
    const refusal = checkClaimantAction('contest', found.claim, command.userId);
    if (refusal) return { kind: refusal, claim: found.claim };

    const sla = planSla(command.now, deps.calendar, deps.sla);
    const claim = await recordContest(trx, {
      claimId: command.claimId,
      at: command.now,
      reason: command.reason,
      sourceViewId: command.sourceViewId,
      reviewDeadlineOn: sla.deadline,
    });
    if (!claim) return { kind: 'already_contested', claim: found.claim };
    await scheduleNotices(trx, claim.id, sla.notices);
    await enqueueMessages(
      trx,
      [
        { claimId: claim.id, kind: 'review_post' },
        // The files attached to the claim, if any, follow the review post into its thread.
        ...((await listEvidence(trx, claim.id)).length > 0
          ? [{ claimId: claim.id, kind: 'evidence_copy' as const }]
          : []),
        { claimId: claim.id, kind: 'contest_dm' },
        ...homeRefreshesFor(claim.id, claim.professionalId),
      ],
      command.now,
    );
    const rule = found.claim.verdict.kind === 'ineligible' ? found.claim.verdict.rule : null;
    await recordClaimEvent(trx, {
      claimId: claim.id,
      kind: 'contested',
      actor: command.userId,
      at: command.now,
      details: { rule },
    });
    return { kind: 'contested', claim, created: true };
  });
}
