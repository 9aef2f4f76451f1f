/**
 * Slack takes about one `chat.postMessage` per second per channel, with short bursts. Everything the
 * outbox posts into the review channel shares that channel, so a burst of claims is paced there
 * instead of meeting a storm of 429s; DMs go to a channel per person and are not held back by it.
 */
import { performance } from 'node:perf_hooks';
import type { MessageKind } from '../domain/message-kinds.ts';

/** The kinds that post a new message (or a thread reply, or a file) into the review channel. */
export const REVIEW_CHANNEL_POSTS: readonly MessageKind[] = [
  'review_post',
  'reminder',
  'escalation',
  'question_post',
  'answer_post',
  'evidence_copy',
  'weekly_report',
];

export interface ChannelPacing {
  perSecond: number;
  /** Posts that may go out at once after a quiet spell: Slack's short burst. */
  burst: number;
}

export const DEFAULT_CHANNEL_PACING: ChannelPacing = { perSecond: 1, burst: 3 };

/** A token bucket on a monotonic clock (the app's clock may be frozen or shifted; Slack's is not). */
export function createTokenBucket(pacing: ChannelPacing, now: () => number = () => performance.now()) {
  let tokens = pacing.burst;
  let refilledAt = now();
  function refill() {
    const at = now();
    tokens = Math.min(pacing.burst, tokens + ((at - refilledAt) / 1000) * pacing.perSecond);
    refilledAt = at;
  }
  return {
    /** Whole posts that may go out now. */
    available(): number {
      refill();
      return Math.floor(tokens);
    },
    take(): void {
      refill();
      tokens -= 1;
    },
    /** Milliseconds until the next post may go out (0 when one may now). */
    msUntilNext(): number {
      refill();
      return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / pacing.perSecond) * 1000);
    },
  };
}

export type TokenBucket = ReturnType<typeof createTokenBucket>;
