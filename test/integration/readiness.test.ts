import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import type { TestDatabase } from '../support/test-db.ts';

/**
 * GET /healthz (liveness) and GET /readyz (readiness: database, bot token, review channel) against the
 * real app, with Slack's answers changed at the HTTP boundary and a database that does not answer.
 */
let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function readyz(baseUrl: string) {
  const res = await fetch(`${baseUrl}/readyz`);
  return {
    status: res.status,
    body: (await res.json()) as { status: string; checks: Record<string, { ok: boolean; problem?: string }> },
  };
}

describe('GET /readyz', () => {
  it('is 200 with every check named when the database, the token and the review channel are fine', async () => {
    app = await startTestApp({ slackCheckTtlMs: 0 });
    expect(await readyz(app.baseUrl)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        checks: {
          database: { ok: true },
          slack_token: { ok: true },
          review_channel: { ok: true },
          no_message_blocked: { ok: true },
        },
      },
    });
  });

  it('is 503 naming the token when auth.test answers invalid_auth (a token revoked while running), and the process keeps serving', async () => {
    app = await startTestApp({ slackCheckTtlMs: 0 });
    app.slack.respond('auth.test', () => ({ body: { ok: false, error: 'token_revoked' } }));
    const { status, body } = await readyz(app.baseUrl);
    expect(status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.checks.slack_token).toEqual({
      ok: false,
      problem: expect.stringMatching(/^Slack auth\.test failed \(token_revoked\): SLACK_BOT_TOKEN is wrong or revoked/),
    });
    expect(body.checks.database).toEqual({ ok: true });
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it('is 503 saying how to invite the bot when it is not in the review channel, and 200 once it is', async () => {
    app = await startTestApp({ slackCheckTtlMs: 0 });
    app.slack.respond('conversations.info', (args) => ({
      body: { ok: true, channel: { id: args.channel, name: 'revisione', is_member: false } },
    }));
    const before = await readyz(app.baseUrl);
    expect(before.status).toBe(503);
    expect(before.body.checks.review_channel?.problem).toBe(
      'The bot is not in the review channel #revisione (CREVIEW): invite the bot: /invite @rimborsi in that channel',
    );
    app.slack.reset();
    expect((await readyz(app.baseUrl)).status).toBe(200);
  });

  it('is 503 naming the database when it does not answer, while /healthz stays 200', async () => {
    const unreachable = createDb('postgres://postgres@127.0.0.1:1/nowhere', { max: 1 });
    const database: TestDatabase = {
      db: unreachable,
      url: 'postgres://postgres@127.0.0.1:1/nowhere',
      destroy: () => unreachable.destroy(),
    };
    app = await startTestApp({ database, slackCheckTtlMs: 0, worker: { pollMs: 60_000 } });
    const { status, body } = await readyz(app.baseUrl);
    expect(status).toBe(503);
    expect(body.checks.database).toEqual({ ok: false, problem: 'the database does not answer' });
    expect(body.checks.slack_token).toEqual({ ok: true });
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    await unreachable.destroy();
  });

  it('asks Slack once per cache period however often it is probed', async () => {
    app = await startTestApp();
    const authCallsBefore = app.slack.calls('auth.test').length;
    const probes = await Promise.all(Array.from({ length: 5 }, () => readyz(app?.baseUrl ?? '')));
    await readyz(app.baseUrl);
    expect(probes.map((p) => p.status)).toEqual([200, 200, 200, 200, 200]);
    expect(app.slack.calls('auth.test').length - authCallsBefore).toBe(1);
    expect(app.slack.calls('conversations.info')).toHaveLength(1);
  });
});
