import { describe, expect, it } from 'vitest';
import { cacheCheck, createReadiness } from '../../src/health/readiness.ts';
import { describeSlackFailure } from '../../src/health/slack-checks.ts';
import { redactDatabaseUrl } from '../../src/health/preflight.ts';

describe('readiness', () => {
  it('names every check, and is not ready when one fails, hangs or throws', async () => {
    const readiness = createReadiness(
      [
        { name: 'fine', run: async () => ({ ok: true }) },
        { name: 'hanging', run: () => new Promise(() => {}) },
        { name: 'throwing', run: async () => Promise.reject(new Error('boom')) },
        { name: 'failing', run: async () => ({ ok: false, problem: 'invite the bot' }) },
      ],
      { timeoutMs: 50 },
    );
    expect(await readiness.evaluate()).toEqual({
      ready: false,
      checks: {
        fine: { ok: true },
        hanging: { ok: false, problem: 'no answer within 0.05 s' },
        throwing: { ok: false, problem: 'boom' },
        failing: { ok: false, problem: 'invite the bot' },
      },
    });
  });

  it('is ready when every check passes', async () => {
    expect(await createReadiness([{ name: 'a', run: async () => ({ ok: true }) }]).evaluate()).toEqual({
      ready: true,
      checks: { a: { ok: true } },
    });
  });

  it('keeps a result for the cache period, then asks again', async () => {
    let calls = 0;
    let now = 1_000;
    const check = cacheCheck(
      async () => ({ ok: true, n: ++calls }) as never,
      30_000,
      () => now,
    );
    await Promise.all([check(), check(), check()]);
    now += 29_999;
    await check();
    expect(calls).toBe(1);
    now += 1;
    await check();
    expect(calls).toBe(2);
  });

  it('does not keep a check that threw', async () => {
    let calls = 0;
    const check = cacheCheck(async () => {
      calls += 1;
      throw new Error('x');
    }, 30_000);
    await expect(check()).rejects.toThrow('x');
    await expect(check()).rejects.toThrow('x');
    expect(calls).toBe(2);
  });
});

describe('start-up messages', () => {
  it.each([
    [
      { code: 'slack_webapi_platform_error', data: { error: 'missing_scope', needed: 'channels:read' } },
      'Slack m failed (missing_scope channels:read): add the scopes listed in manifest.yml to the app and reinstall it',
    ],
    [{ code: 'slack_webapi_rate_limited_error', retryAfter: 7 }, 'Slack m failed (rate limited): try again in 7 s'],
    [
      { code: 'slack_webapi_http_error', statusCode: 503 },
      'Slack m failed (HTTP 503): Slack is having trouble; try again shortly',
    ],
  ])('a Slack failure names the call, what Slack said and the fix: %j', (error, expected) => {
    expect(describeSlackFailure('m', error)).toBe(expected);
  });

  it('a database URL is printed without its password', () => {
    expect(redactDatabaseUrl('postgres://app:p%40ss@db.internal:5432/rimborsi')).toBe(
      'postgres://app:***@db.internal:5432/rimborsi',
    );
    expect(redactDatabaseUrl('postgres://app@db/rimborsi')).toBe('postgres://app@db/rimborsi');
  });
});
