import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackStandIn, type SlackStandIn } from '../../src/sandbox/slack-stand-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { baseEnv, freePort, linesOf, REPO_ROOT, spawnApp, TSX_LOADER } from '../support/app-process.ts';

/** A test preload (not app code): a promise nobody awaits rejects when the process gets SIGUSR2. */
const REJECT_ON_SIGNAL = pathToFileURL(join(REPO_ROOT, 'test/fixtures/process/reject-on-signal.mjs')).href;

let slack: SlackStandIn;
let database: TestDatabase;
beforeAll(async () => {
  slack = await startSlackStandIn({ channelMembers: ['UREVIEWER1'] });
  database = await createTestDatabase();
});
afterAll(async () => {
  await slack?.stop();
  await database?.destroy();
});

describe('an unhandled rejection in the running app', () => {
  it('is logged, stops the app gracefully (deliveries and database closed) and exits 1: no catch-all keeps it running', async () => {
    const port = await freePort();
    const app = spawnApp(
      ['--import', TSX_LOADER, '--import', REJECT_ON_SIGNAL, join(REPO_ROOT, 'src/main.ts')],
      baseEnv({ SLACK_API_URL: slack.apiUrl, DATABASE_URL: database.url, PORT: String(port) }),
    );
    try {
      await app.waitForOutput(/refund app running/, 60_000);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      app.child.kill('SIGUSR2');
      expect(await app.exited).toBe(1);
    } finally {
      await app.stop();
    }
    const logged = linesOf(app.stdout()).map((line) => JSON.parse(line) as Record<string, unknown>);
    const rejection = logged.findIndex((l) => l.msg === 'unhandled rejection: stopping');
    const shutdown = logged.findIndex((l) => l.msg === 'shutting down' && l.signal === 'unhandledRejection');
    expect(rejection).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(logged[rejection])).toContain('a promise nobody awaited failed');
    expect(logged[rejection]?.level).toBe('error');
    // Stopped as on SIGTERM, after the log line: not a bare process.exit.
    expect(shutdown).toBeGreaterThan(rejection);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 90_000);
});
