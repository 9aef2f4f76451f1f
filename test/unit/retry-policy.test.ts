import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, decideRetry, isOutcomeUnknown } from '../../src/delivery/retry-policy.ts';
import { SmtpError, toSmtpError } from '../../src/delivery/smtp-error.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const decide = (error: unknown, attempts = 0, createdAt = NOW) =>
  decideRetry(error, { attempts, createdAt, now: NOW, policy: DEFAULT_RETRY_POLICY, random: () => 0.5 });
const platform = (code: string) => ({ code: ErrorCode.PlatformError, data: { ok: false, error: code } });
const afterMs = (decision: ReturnType<typeof decide>) =>
  decision.kind === 'retry' ? decision.at.getTime() - NOW.getTime() : -1;

describe('decideRetry', () => {
  it('waits exactly what Retry-After says on a 429', () => {
    expect(afterMs(decide({ code: ErrorCode.RateLimitedError, retryAfter: 30 }))).toBe(30_000);
  });

  it.each([
    ['a 503', { code: ErrorCode.HTTPError, statusCode: 503 }],
    ['a 500', { code: ErrorCode.HTTPError, statusCode: 500 }],
    ['a network error', { code: ErrorCode.RequestError }],
    ['Slack’s internal_error', platform('internal_error')],
    ['an error of our own', new Error('database hiccup')],
  ])('backs off exponentially after %s', (_case, error) => {
    expect([0, 1, 2, 3].map((attempts) => afterMs(decide(error, attempts)))).toEqual([2_000, 4_000, 8_000, 16_000]);
  });

  it('never waits longer than the maximum backoff', () => {
    expect(afterMs(decide({ code: ErrorCode.RequestError }, 30))).toBe(DEFAULT_RETRY_POLICY.backoffMaxMs);
  });

  it('spreads retries with jitter of ±20 %', () => {
    const at = (random: number) =>
      decideRetry(
        { code: ErrorCode.RequestError },
        { attempts: 0, createdAt: NOW, now: NOW, policy: DEFAULT_RETRY_POLICY, random: () => random },
      );
    const ms = (d: ReturnType<typeof at>) => (d.kind === 'retry' ? d.at.getTime() - NOW.getTime() : -1);
    expect(ms(at(0))).toBe(1_600);
    expect(ms(at(1))).toBe(2_400);
  });

  it.each(['user_not_found', 'msg_too_long', 'invalid_blocks'])(
    'gives up at once on %s: retrying cannot help',
    (code) => {
      expect(decide(platform(code))).toEqual({ kind: 'give_up', reason: code });
    },
  );

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'token_revoked', 'missing_scope'])(
    'blocks on %s, a cause a person must fix, however old the message',
    (code) => {
      expect(decide(platform(code))).toEqual({ kind: 'block', reason: code });
      expect(decide(platform(code), 9, new Date(NOW.getTime() - 2 * DEFAULT_RETRY_POLICY.giveUpAfterMs)).kind).toBe(
        'block',
      );
    },
  );

  it('knows a refusal proves nothing was posted, and a timeout or a 5xx does not', () => {
    expect(isOutcomeUnknown(platform('not_in_channel'))).toBe(false);
    expect(isOutcomeUnknown({ code: ErrorCode.RateLimitedError, retryAfter: 1 })).toBe(false);
    expect(isOutcomeUnknown({ code: ErrorCode.HTTPError, statusCode: 400 })).toBe(false);
    expect(isOutcomeUnknown({ code: ErrorCode.HTTPError, statusCode: 503 })).toBe(true);
    expect(isOutcomeUnknown({ code: ErrorCode.RequestError })).toBe(true);
  });

  it('gives up on a 4xx other than 408 and 429', () => {
    expect(decide({ code: ErrorCode.HTTPError, statusCode: 404 }).kind).toBe('give_up');
    expect(decide({ code: ErrorCode.HTTPError, statusCode: 408 }).kind).toBe('retry');
  });

  it('gives up on anything once the message is older than the give-up age', () => {
    const old = new Date(NOW.getTime() - DEFAULT_RETRY_POLICY.giveUpAfterMs);
    const decision = decide({ code: ErrorCode.RateLimitedError, retryAfter: 1 }, 5, old);
    expect(decision.kind).toBe('give_up');
    expect(decision.reason).toContain('gave up after 1440 min');
  });
});

describe('decideRetry for SMTP (email replies)', () => {
  it.each([
    ['451 (try later)', new SmtpError(451, 'EMESSAGE')],
    ['421 (closing)', new SmtpError(421, 'EENVELOPE')],
    ['a refused connection', new SmtpError(undefined, 'ECONNECTION')],
    ['a timeout', new SmtpError(undefined, 'ETIMEDOUT')],
  ])('retries %s with backoff', (_case, error) => {
    const decision = decide(error);
    expect(decision.kind).toBe('retry');
    expect(afterMs(decision)).toBe(2_000);
  });

  it.each([
    [550, 'smtp_550'],
    [554, 'smtp_554'],
    [535, 'smtp_535'],
  ])('gives up at once on %i', (code, reason) => {
    expect(decide(new SmtpError(code, 'EENVELOPE'))).toEqual({ kind: 'give_up', reason });
  });

  it('reads nodemailer’s errors: responseCode and code', () => {
    expect(toSmtpError(Object.assign(new Error('x'), { responseCode: 552, code: 'EMESSAGE' })).permanent).toBe(true);
    expect(toSmtpError(Object.assign(new Error('x'), { code: 'ESOCKET' }))).toMatchObject({
      permanent: false,
      reason: 'smtp_esocket',
    });
  });

  it('leaves the Slack classification as it was: an HTTP 503 is still retried, invalid_blocks given up, invalid_auth blocked', () => {
    expect(decide({ code: ErrorCode.HTTPError, statusCode: 503 }).kind).toBe('retry');
    expect(decide(platform('invalid_blocks')).kind).toBe('give_up');
    expect(decide(platform('invalid_auth')).kind).toBe('block');
  });
});
