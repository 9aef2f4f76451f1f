/**
 * Builder (pure): the `home_refresh` outbox messages that redraw the App Homes — the professional's and every
 * reviewer's — after a claim changed. The use cases that change a claim queue them in their own transaction.
 */
import { randomUUID } from 'node:crypto';
import type { ClaimMessage } from '../domain/message-kinds.ts';

/**
 * The App Homes drawn again after a claim changed. Each refresh has a fresh variant, so its dedupe key
 * is new and a later change is never folded into an earlier refresh.
 */

/** The professional's Home, drawn again after their claim changed. */
export function professionalHomeRefresh(claimId: string, professionalId: string): ClaimMessage {
  return { claimId, kind: 'home_refresh', variant: randomUUID(), payload: { userId: professionalId } };
}

/** Every reviewer's queue, drawn again after a claim in it changed. */
export function reviewerHomesRefresh(claimId: string): ClaimMessage {
  return { claimId, kind: 'home_refresh', variant: randomUUID(), payload: { reviewers: true } };
}

export function homeRefreshesFor(claimId: string, professionalId: string): ClaimMessage[] {
  return [professionalHomeRefresh(claimId, professionalId), reviewerHomesRefresh(claimId)];
}
