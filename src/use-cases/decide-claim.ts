/**
 * Use case: a reviewer approves or rejects a pending claim. It owns the rule of who may act on a claim
 * (`authorizeDecision`, also used by take and ask) and records the decision as a compare-and-set, so exactly one
 * click wins; the credit entry, the audit and the queued messages go in the same transaction.
 */
import type { Claim } from '../domain/claim.ts';
import {
  isRefundStanding,
  refundedChargeId,
  checkReviewerAction,
  type ReviewDecision,
  type ReviewerAction,
} from '../domain/claim-state.ts';
import { recordClaimEvent } from '../db/audit.repository.ts';
import { findApprovedMistake, findClaimById, lockProfessional, recordDecision } from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import { homeRefreshesFor } from './home-refreshes.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { cancelNotices } from '../db/reminder.repository.ts';
import { recordCreditEntry } from '../db/credit-entry.repository.ts';

export type DeclinedAction =
  | { kind: 'not_found' }
  | { kind: 'own_claim'; claim: Claim }
  | { kind: 'not_reviewer'; claim: Claim }
  | { kind: 'already_decided'; claim: Claim }
  | { kind: 'mistake_already_refunded'; claim: Claim; approvedReference: string };

export type Authorization = { kind: 'allowed'; claim: Claim } | DeclinedAction;

export interface DecisionDeps {
  db: Db;
  isReviewer: (userId: string) => Promise<boolean>;
}

/**
 * May `userId` decide this claim now? Read from the database, never from the button: the claimant
 * never decides their own claim, only reviewers decide, and a decided claim stays decided.
 * Every declined action on an existing claim is audited.
 */
export async function authorizeDecision(
  deps: DecisionDeps,
  action: Exclude<ReviewerAction, 'reverse'>,
  command: { claimId: string; userId: string; now: Date },
): Promise<Authorization> {
  const { claimId, userId, now } = command;
  const claim = await findClaimById(deps.db, claimId);
  if (!claim) return { kind: 'not_found' };
  // What the claim alone answers (decided already, the clicker's own) needs no Slack lookup: a
  // membership check that fails then does not turn "already decided" into an error.
  const known = checkReviewerAction(action, claim, { userId, isReviewer: true });
  const why = known ?? checkReviewerAction(action, claim, { userId, isReviewer: await deps.isReviewer(userId) });
  if (why === null) return { kind: 'allowed', claim };
  await recordClaimEvent(deps.db, {
    claimId: claim.id,
    kind: 'refused_click',
    actor: userId,
    at: now,
    details: { why },
  });
  return { kind: why, claim };
}

export interface DecideClaimCommand {
  claimId: string;
  deciderId: string;
  decision: ReviewDecision;
  reason: string | null;
  now: Date;
}

export type DecisionOutcome = { kind: 'decided'; claim: Claim } | DeclinedAction;

/**
 * Records one decision, with the Slack messages that announce it (queued in the same transaction).
 * The status change is a compare-and-set, so when two reviewers (or one double click) race, exactly
 * one wins and the others learn who decided.
 */
export async function decideClaim(deps: DecisionDeps, command: DecideClaimCommand): Promise<DecisionOutcome> {
  const authorization = await authorizeDecision(deps, 'decide', {
    claimId: command.claimId,
    userId: command.deciderId,
    now: command.now,
  });
  if (authorization.kind !== 'allowed') return authorization;

  const pending = authorization.claim;
  const decided = await deps.db.transaction().execute(async (trx) => {
    if (command.decision === 'approved' && pending.reason === 'sent_by_mistake') {
      // Two "by mistake" claims may both be pending; only one may ever be approved. The lock is the
      // one submissions take, so no approval of another mistake can slip in between.
      await lockProfessional(trx, pending.professionalId);
      const approvedReference = await findApprovedMistake(trx, pending.professionalId);
      if (approvedReference) return { refused: approvedReference } as const;
    }
    const claim = await recordDecision(trx, {
      claimId: command.claimId,
      status: command.decision,
      decidedBy: command.deciderId,
      decidedAt: command.now,
      reason: command.reason,
    });
    if (claim) {
      await recordClaimEvent(trx, {
        claimId: claim.id,
        kind: 'decided',
        actor: command.deciderId,
        at: command.now,
        details: { decision: command.decision },
      });
      await cancelNotices(trx, claim.id);
      const refund = isRefundStanding(claim);
      if (refund) {
        // The credits go back in this very transaction: one entry per claim, whatever races it.
        await recordCreditEntry(trx, {
          claimId: claim.id,
          professionalId: claim.professionalId,
          chargeId: refundedChargeId(claim),
          credits: claim.credits,
          at: command.now,
        });
      }
      await enqueueMessages(
        trx,
        [
          { claimId: claim.id, kind: 'review_update' },
          { claimId: claim.id, kind: 'decision_dm' },
          ...(refund ? [{ claimId: claim.id, kind: 'refund_webhook' as const }] : []),
          ...homeRefreshesFor(claim.id, claim.professionalId),
        ],
        command.now,
      );
    }
    return claim;
  });
  if (decided && 'refused' in decided) {
    await recordClaimEvent(deps.db, {
      claimId: pending.id,
      kind: 'refused_click',
      actor: command.deciderId,
      at: command.now,
      details: { why: 'mistake_already_refunded', approved: decided.refused },
    });
    return { kind: 'mistake_already_refunded', claim: pending, approvedReference: decided.refused };
  }
  if (decided) return { kind: 'decided', claim: decided };

  const lost = await findClaimById(deps.db, command.claimId);
  if (!lost) return { kind: 'not_found' };
  await recordClaimEvent(deps.db, {
    claimId: lost.id,
    kind: 'refused_click',
    actor: command.deciderId,
    at: command.now,
    details: { why: 'already_decided' },
  });
  return { kind: 'already_decided', claim: lost };
}
