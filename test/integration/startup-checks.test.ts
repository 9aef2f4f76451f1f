import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { startSlackStandIn, type SlackStandIn } from '../../src/sandbox/slack-stand-in.ts';
import { databaseUrl, withAdmin } from '../support/database.ts';
import { baseEnv, linesOf, REPO_ROOT, spawnApp, TSX_LOADER } from '../support/app-process.ts';

/**
 * `node src/main.ts` as an operator runs it, with an environment and nothing else: each wrong setting
 * ends the process with exit code 1 and one line on stderr naming the fix.
 */
const MAIN = join(REPO_ROOT, 'src/main.ts');
let slack: SlackStandIn;
let emptyDatabase: string;

beforeAll(async () => {
  slack = await startSlackStandIn({ channelMembers: ['UREVIEWER1'] });
  emptyDatabase = `${inject('runPrefix')}empty_${randomBytes(3).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${emptyDatabase}"`));
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  freePort = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  await slack.stop();
});

async function failureOf(env: Record<string, string>, cwd?: string) {
  const app = spawnApp(['--import', TSX_LOADER, MAIN], env, cwd);
  const code = await app.exited;
  return { code, lines: linesOf(app.stderr()), stdout: app.stdout() };
}

let freePort = 0;
function valid(overrides: Record<string, string> = {}) {
  return baseEnv({
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: databaseUrl(emptyDatabase),
    PORT: String(freePort),
    ...overrides,
  });
}

describe('start-up checks (process level)', () => {
  it('the example .env copied as it is does not start, and says which values to replace', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rimborso-example-env-'));
    copyFileSync(join(REPO_ROOT, '.env.example'), join(cwd, '.env'));
    const { code, lines } = await failureOf({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, cwd);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Configuration error: SLACK_BOT_TOKEN is still the example value from \.env\.example: set your app's Bot User OAuth Token/,
    );
    expect(lines[0]).toContain('INBOUND_EMAIL_TOKEN is still the example value');
  });

  it('PORT=abc says the range it must be in', async () => {
    const { code, lines } = await failureOf(valid({ PORT: 'abc' }));
    expect(code).toBe(1);
    expect(lines).toEqual(['Configuration error: PORT is invalid (must be a whole number from 1 to 65535)']);
  });

  it('a taken port is reported before the migrations run', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, lines } = await failureOf(valid({ PORT: String(port) }));
      expect(code).toBe(1);
      expect(lines).toEqual([`PORT ${port} is already in use: stop the process using it, or set PORT to a free port`]);
      const { rows } = await withAdmin(async () => {
        const pg = await import('pg');
        const client = new pg.default.Client({ connectionString: databaseUrl(emptyDatabase) });
        await client.connect();
        try {
          return await client.query(`SELECT to_regclass('kysely_migration') AS migrations`);
        } finally {
          await client.end();
        }
      });
      expect(rows).toEqual([{ migrations: null }]);
    } finally {
      blocker.close();
    }
  });

  it('a database that cannot be reached is named by DATABASE_URL, without its password', async () => {
    const { code, lines } = await failureOf(
      valid({ DATABASE_URL: 'postgres://rimborsi:s3cret-pw@127.0.0.1:1/rimborsi' }),
    );
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Cannot reach the database at DATABASE_URL=postgres:\/\/rimborsi:\*\*\*@127\.0\.0\.1:1\/rimborsi \(connection refused/,
    );
    expect(lines[0]).not.toContain('s3cret-pw');
  });

  it('a wrong or revoked bot token (auth.test: invalid_auth) stops with one line, no stack trace', async () => {
    slack.respond('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    try {
      const { code, lines, stdout } = await failureOf(valid());
      expect(code).toBe(1);
      expect(lines).toEqual([
        'Slack auth.test failed (invalid_auth): SLACK_BOT_TOKEN is wrong or revoked: copy the Bot User OAuth Token again (OAuth & Permissions; reinstall the app if it was removed)',
      ]);
      expect(stdout).not.toMatch(/refund app running|Unhandled|at .*\.js/);
    } finally {
      slack.reset();
    }
  });

  it('a bot that is not in the review channel is told how to invite it', async () => {
    slack.respond('conversations.info', (args) => ({
      body: { ok: true, channel: { id: args.channel, name: 'rimborsi-revisione', is_member: false } },
    }));
    try {
      const { code, lines } = await failureOf(valid());
      expect(code).toBe(1);
      expect(lines).toEqual([
        'The bot is not in the review channel #rimborsi-revisione (CREVIEW): invite the bot: /invite @rimborsi in that channel',
      ]);
    } finally {
      slack.reset();
    }
  });

  it('a review channel id that names no channel says to check the id', async () => {
    slack.respond('conversations.info', () => ({ body: { ok: false, error: 'channel_not_found' } }));
    try {
      const { code, lines } = await failureOf(valid());
      expect(code).toBe(1);
      expect(lines[0]).toMatch(
        /^Slack conversations\.info failed \(channel_not_found\): REVIEW_CHANNEL_ID=CREVIEW is no channel the bot can see/,
      );
    } finally {
      slack.reset();
    }
  });

  it('Socket Mode with a wrong app token (apps.connections.open: invalid_auth) stops with one line', async () => {
    slack.respond('apps.connections.open', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    try {
      const { code, lines } = await failureOf(valid({ SLACK_APP_TOKEN: 'xapp-1-A1-wrong' }));
      expect(code).toBe(1);
      expect(lines).toEqual([
        'Slack apps.connections.open failed (invalid_auth): SLACK_APP_TOKEN is wrong or revoked: create an app-level token with connections:write (Basic Information → App-Level Tokens)',
      ]);
    } finally {
      slack.reset();
    }
  });

  it('Slack out of reach names the call instead of crashing or logging "fetch failed" forever', async () => {
    // Nothing listens on the app's own port before it starts.
    const { code, lines } = await failureOf(valid({ SLACK_API_URL: `http://127.0.0.1:${freePort}/api/` }));
    expect(code).toBe(1);
    expect(lines).toEqual([
      'Slack auth.test failed (cannot reach Slack: ECONNREFUSED): check the network, the proxy, or SLACK_API_URL',
    ]);
  });

  it('with everything right it logs the workspace and the bot user, serves /healthz and /readyz, and stops on SIGTERM', async () => {
    const app = spawnApp(['--import', TSX_LOADER, MAIN], valid());
    try {
      await app.waitForOutput(/refund app running/);
      const tokenLine = JSON.parse(
        linesOf(app.stdout()).find((line) => line.includes('slack token ok')) ?? '{}',
      ) as Record<string, unknown>;
      expect(tokenLine).toMatchObject({ workspace: 'rimborsi', botUser: 'rimborsi', botUserId: 'UBOT' });
      expect(app.stdout()).not.toContain('xoxb-process-test-token');
      const port = freePort;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        checks: { database: { ok: true }, slack_token: { ok: true } },
      });
    } finally {
      expect(await app.stop()).toBe(0);
    }
  });
});
