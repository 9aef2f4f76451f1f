/**
 * Retry policy (pure): classifies a failed delivery (Slack, refund webhook, SMTP, database) as retry with backoff,
 * block until a person fixes the cause, or give up, and says whether the failed call may have taken effect.
 * The outbox worker and the evidence copy follow it; application.ts sets the give-up age from the config.
 */
import { ErrorCode } from '@slack/web-api';
import { WebhookHttpError } from './refund-webhook.ts';
import { SmtpError } from './smtp-error.ts';

/**
 * What to do after a failed Slack call. Rate limits wait what Slack says (Retry-After); server errors,
 * network errors and Slack's transient platform errors back off exponentially; anything Slack says is
 * wrong with the request itself (channel_not_found, not_in_channel, invalid_auth…) will not get better
 * by retrying and is given up at once, as is everything older than the give-up age.
 */
export type RetryDecision =
  | { kind: 'retry'; at: Date; reason: string }
  | { kind: 'give_up'; reason: string }
  /** Slack refused for a cause a person must fix: the message waits, never given up, until it clears. */
  | { kind: 'block'; reason: string };

/**
 * Causes a person must fix (invite the bot, unarchive the channel, reinstall the app, grant a scope):
 * retrying cannot help until they do, and giving up would strand the claim.
 */
export const BLOCKING_ERRORS: ReadonlySet<string> = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_authed',
  'missing_scope',
  'no_permission',
  'team_access_not_granted',
  'ekm_access_denied',
  'restricted_action',
  'not_allowed_token_type',
]);

/** Causes that make every call fail: delivery pauses instead of trying every message in turn. */
export const TOKEN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'not_authed',
]);

/** Causes the bot joining a channel may clear (a private channel it is not in looks not found). */
export const CHANNEL_ERRORS: readonly string[] = ['not_in_channel', 'channel_not_found'];

export interface RetryPolicy {
  backoffBaseMs: number;
  backoffMaxMs: number;
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  backoffBaseMs: 2_000,
  backoffMaxMs: 10 * 60_000,
  giveUpAfterMs: 24 * 3_600_000,
};

const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
  'team_added_to_org',
]);

interface SlackishError {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  message?: string;
}

export function describeError(error: unknown): string {
  if (error instanceof WebhookHttpError) return `http_${error.status}`;
  if (error instanceof SmtpError) return error.reason;
  const e = (error ?? {}) as SlackishError;
  if (e.code === ErrorCode.PlatformError) return e.data?.error ?? 'platform_error';
  if (e.code === ErrorCode.RateLimitedError) return `rate_limited (retry after ${e.retryAfter ?? '?'}s)`;
  if (e.code === ErrorCode.HTTPError) return `http_${e.statusCode ?? 'error'}`;
  if (e.code === ErrorCode.RequestError) return 'network_error';
  // PostgreSQL's SQLSTATE (40001 a serialization failure, 40P01 a deadlock, 57P01 a terminated connection).
  if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return `database_error_${e.code}`;
  return error instanceof Error ? error.name : 'unknown_error';
}

/**
 * Whether Slack may have acted on a call that failed: only a definite refusal (Slack's ok:false, a
 * 429, a 4xx) proves nothing was posted. A timeout, a network error or a 5xx may come after Slack
 * accepted the message, so the next attempt looks for it before posting again.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  const e = (error ?? {}) as SlackishError;
  if (error instanceof WebhookHttpError) return error.status >= 500;
  if (e.code === ErrorCode.PlatformError || e.code === ErrorCode.RateLimitedError) return false;
  if (e.code === ErrorCode.HTTPError) return e.statusCode === undefined || e.statusCode >= 500 || e.statusCode === 408;
  return true;
}

export function decideRetry(
  error: unknown,
  context: { attempts: number; createdAt: Date; now: Date; policy: RetryPolicy; random?: () => number },
): RetryDecision {
  const { policy, now } = context;
  const e = (error ?? {}) as SlackishError;
  const reason = describeError(error);
  if (e.code === ErrorCode.PlatformError && BLOCKING_ERRORS.has(e.data?.error ?? '')) return { kind: 'block', reason };
  if (error instanceof WebhookHttpError && [401, 403, 404].includes(error.status)) return { kind: 'block', reason };
  if (now.getTime() - context.createdAt.getTime() >= policy.giveUpAfterMs) {
    return { kind: 'give_up', reason: `${reason}; gave up after ${Math.round(policy.giveUpAfterMs / 60_000)} min` };
  }
  if (error instanceof WebhookHttpError) {
    if (error.status === 429 && error.retryAfterSeconds !== undefined) {
      return { kind: 'retry', at: new Date(now.getTime() + error.retryAfterSeconds * 1000), reason };
    }
    if (error.status < 500 && error.status !== 408 && error.status !== 429) return { kind: 'give_up', reason };
  }
  // SMTP (RFC 5321 §4.2.1): 4xx and no answer at all are transient, 5xx is a permanent refusal.
  if (error instanceof SmtpError && error.permanent) return { kind: 'give_up', reason };
  if (e.code === ErrorCode.PlatformError && !TRANSIENT_PLATFORM_ERRORS.has(e.data?.error ?? '')) {
    return { kind: 'give_up', reason };
  }
  if (e.code === ErrorCode.HTTPError && e.statusCode !== undefined && e.statusCode < 500 && e.statusCode !== 408) {
    return { kind: 'give_up', reason };
  }
  if (e.code === ErrorCode.RateLimitedError && e.retryAfter !== undefined) {
    return { kind: 'retry', at: new Date(now.getTime() + e.retryAfter * 1000), reason };
  }
  const exponential = Math.min(policy.backoffBaseMs * 2 ** context.attempts, policy.backoffMaxMs);
  // ±20 % jitter, so instances that failed together do not retry together.
  const jitter = 0.8 + 0.4 * (context.random ?? Math.random)();
  return { kind: 'retry', at: new Date(now.getTime() + Math.round(exponential * jitter)), reason };
}
