/**
 * Use case: "Prendi in carico" — a reviewer takes a pending claim (or takes it over from another), audited,
 * with the review message and the reviewers' Homes redrawn through the outbox. Called by
 * listeners/take-and-questions.ts; who may act is decide-claim.ts's `authorizeDecision`.
 */
import { reviewerHomesRefresh } from './home-refreshes.ts';
import { randomUUID } from 'node:crypto';
import type { Claim } from '../domain/claim.ts';
import { recordClaimEvent } from '../db/audit.repository.ts';
import { assignClaim } from '../db/claim.repository.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { authorizeDecision, type DecisionDeps, type DeclinedAction } from './decide-claim.ts';

export type TakeOutcome =
  { kind: 'taken'; claim: Claim; previous: string | null } | { kind: 'already_yours'; claim: Claim } | DeclinedAction;

/**
 * "Prendi in carico": only a reviewer (never the claimant) takes a pending claim; another reviewer may
 * take it over. Audited with who had it before; the review message shows the new assignee.
 */
export async function takeClaim(
  deps: DecisionDeps,
  command: { claimId: string; reviewerId: string; now: Date },
): Promise<TakeOutcome> {
  const authorization = await authorizeDecision(deps, 'take', {
    claimId: command.claimId,
    userId: command.reviewerId,
    now: command.now,
  });
  if (authorization.kind !== 'allowed') return authorization;
  const previous = authorization.claim.assignedTo;
  if (previous === command.reviewerId) return { kind: 'already_yours', claim: authorization.claim };

  const taken = await deps.db.transaction().execute(async (trx) => {
    const claim = await assignClaim(trx, command.claimId, command.reviewerId, command.now);
    if (!claim) return undefined;
    await recordClaimEvent(trx, {
      claimId: claim.id,
      kind: 'assigned',
      actor: command.reviewerId,
      at: command.now,
      details: { previous },
    });
    await enqueueMessages(
      trx,
      [{ claimId: claim.id, kind: 'review_update', variant: randomUUID() }, reviewerHomesRefresh(claim.id)],
      command.now,
    );
    return claim;
  });
  if (taken) return { kind: 'taken', claim: taken, previous };
  return { kind: 'already_decided', claim: authorization.claim };
}
