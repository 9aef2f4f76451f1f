/**
 * Use case: a reviewer undoes an automatic approval ("Annulla rimborso") within its reversal window, with a
 * reason. Called by listeners/reverse-refund.ts; who may reverse is read from the database and every denial is
 * audited, and the reversal is a compare-and-set with its negative credit entry and queued messages in one transaction.
 */
import { checkReversible, type AutoApprovalConfig, type ReversalRefusal } from '../domain/auto-approval.ts';
import type { Claim } from '../domain/claim.ts';
import { refundedChargeId, checkReviewerAction } from '../domain/claim-state.ts';
import { recordClaimEvent } from '../db/audit.repository.ts';
import { recordReversal } from '../db/auto-approval.repository.ts';
import { findClaimById } from '../db/claim.repository.ts';
import { recordCreditEntry } from '../db/credit-entry.repository.ts';
import type { Db } from '../db/database.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { homeRefreshesFor } from './home-refreshes.ts';

export type DeclinedReversal =
  | { kind: 'not_found' }
  | { kind: 'own_claim' | 'not_reviewer'; claim: Claim }
  | { kind: ReversalRefusal; claim: Claim };

export type ReversalAuthorization = { kind: 'allowed'; claim: Claim } | DeclinedReversal;

export interface ReversalDeps {
  db: Db;
  isReviewer: (userId: string) => Promise<boolean>;
  config: Pick<AutoApprovalConfig, 'reversalDays'>;
}

async function findDenial(
  deps: ReversalDeps,
  claim: Claim,
  userId: string,
  now: Date,
): Promise<DeclinedReversal | undefined> {
  const declined =
    checkReviewerAction('reverse', claim, { userId, isReviewer: await deps.isReviewer(userId) }) ??
    checkReversible(claim, now, deps.config);
  return declined ? { kind: declined, claim } : undefined;
}

async function auditDenial(deps: ReversalDeps, claim: Claim, userId: string, now: Date, why: string): Promise<void> {
  await recordClaimEvent(deps.db, {
    claimId: claim.id,
    kind: 'refused_click',
    actor: userId,
    at: now,
    details: { why, action: 'reverse' },
  });
}

/**
 * May `userId` reverse this automatic approval now? Read from the database, never from the button:
 * a reviewer, not the claimant, a standing automatic approval, inside its window. Every denial is audited.
 */
export async function authorizeReversal(
  deps: ReversalDeps,
  claimId: string,
  userId: string,
  now: Date,
): Promise<ReversalAuthorization> {
  const claim = await findClaimById(deps.db, claimId);
  if (!claim) return { kind: 'not_found' };
  const denial = await findDenial(deps, claim, userId, now);
  if (!denial) return { kind: 'allowed', claim };
  await auditDenial(deps, claim, userId, now, denial.kind);
  return denial;
}

export type ReversalOutcome = { kind: 'reversed'; claim: Claim } | DeclinedReversal;

/**
 * Reverses an automatic approval: the status (compare-and-set, so concurrent clicks give one
 * reversal), one negative credit entry, and the messages that announce it — the review message
 * updated, the professional's DM with the reason, the signed `refund.reversed` webhook — queued in
 * the same transaction, and audited.
 */
export async function reverseRefund(
  deps: ReversalDeps,
  command: { claimId: string; reviewerId: string; reason: string; now: Date },
): Promise<ReversalOutcome> {
  const authorization = await authorizeReversal(deps, command.claimId, command.reviewerId, command.now);
  if (authorization.kind !== 'allowed') return authorization;
  const approvedAfter = new Date(command.now.getTime() - deps.config.reversalDays * 86_400_000);
  const reversed = await deps.db.transaction().execute(async (trx) => {
    const claim = await recordReversal(trx, {
      claimId: command.claimId,
      by: command.reviewerId,
      at: command.now,
      reason: command.reason,
      approvedAfter,
    });
    if (!claim) return undefined;
    const chargeId = refundedChargeId(claim);
    await recordCreditEntry(
      trx,
      { claimId: claim.id, professionalId: claim.professionalId, chargeId, credits: claim.credits, at: command.now },
      'reversal',
    );
    await enqueueMessages(
      trx,
      [
        { claimId: claim.id, kind: 'review_update', variant: 'reversed' },
        { claimId: claim.id, kind: 'reversal_dm' },
        { claimId: claim.id, kind: 'reversal_webhook' },
        ...homeRefreshesFor(claim.id, claim.professionalId),
      ],
      command.now,
    );
    await recordClaimEvent(trx, {
      claimId: claim.id,
      kind: 'reversed',
      actor: command.reviewerId,
      at: command.now,
      details: { credits: claim.credits, chargeId },
    });
    return claim;
  });
  if (reversed) return { kind: 'reversed', claim: reversed };

  // Lost the race (another click reversed it first) or the window closed in between.
  const lost = await findClaimById(deps.db, command.claimId);
  if (!lost) return { kind: 'not_found' };
  const why = checkReversible(lost, command.now, deps.config) ?? 'already_reversed';
  await auditDenial(deps, lost, command.reviewerId, command.now, why);
  return { kind: why, claim: lost };
}
