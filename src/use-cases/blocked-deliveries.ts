/**
 * Use case: outbox messages blocked for a cause a person must fix (bot not in the channel, revoked token…).
 * The outbox worker parks them here; the worker's re-check, the composition root and the outbox CLI release
 * them. Each step is audited on the claim and redraws the reviewers' App Home, which shows what is blocked.
 */
import { reviewerHomesRefresh } from './home-refreshes.ts';
import { recordClaimEvent } from '../db/audit.repository.ts';
import type { Db } from '../db/database.ts';
import { blockMessage, enqueueMessages, releaseBlockedMessages, type QueuedMessage } from '../db/outbox.repository.ts';

/** Who or what let blocked messages go again: the bot joining the channel, the periodic re-check, an operator. */
export type ReleaseTrigger = 'bot_joined_channel' | 'recheck' | 'operator' | 'cause_cleared';

/**
 * Parks a message Slack refused for a cause a person must fix, audited, and redraws the reviewers'
 * Home so its banner says what is blocked. False when this worker no longer holds the message.
 */
export async function parkMessage(
  db: Db,
  message: QueuedMessage,
  block: { workerId: string; cause: string; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const parked = await blockMessage(trx, message.id, block.workerId, {
      cause: block.cause,
      now: block.now,
      outcomeUnknown: message.outcomeUnknown,
    });
    // A message without a claim has no claim audit: the log and `npm run outbox -- list` show it.
    if (!parked || message.claimId === null) return parked;
    await recordClaimEvent(trx, {
      claimId: message.claimId,
      kind: 'delivery_blocked',
      actor: null,
      at: block.now,
      details: { message: message.kind, cause: block.cause, attempts: message.attempts + 1 },
    });
    if (message.kind !== 'home_refresh') await enqueueMessages(trx, [reviewerHomesRefresh(message.claimId)], block.now);
    return true;
  });
}

/**
 * Makes blocked messages due again — those blocked for `causes`, the ones with `ids`, or the oldest
 * `limit` — each audited as a retry; the reviewers' Home is redrawn. Returns how many were released.
 */
export async function releaseBlockedDeliveries(
  db: Db,
  request: {
    now: Date;
    trigger: ReleaseTrigger;
    actor?: string;
    causes?: readonly string[];
    ids?: readonly string[];
    limit?: number;
  },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const released = await releaseBlockedMessages(trx, request);
    for (const message of released) {
      if (message.claimId === null) continue;
      await recordClaimEvent(trx, {
        claimId: message.claimId,
        kind: 'delivery_retried',
        actor: request.actor ?? null,
        at: request.now,
        details: { message: message.kind, cause: message.cause, trigger: request.trigger },
      });
    }
    const first = released.find((m) => m.claimId !== null)?.claimId;
    if (first) await enqueueMessages(trx, [reviewerHomesRefresh(first)], request.now);
    return released.length;
  });
}
