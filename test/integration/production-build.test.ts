import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackStandIn, type SlackStandIn } from '../../src/sandbox/slack-stand-in.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { baseEnv, REPO_ROOT, spawnApp, freePort } from '../support/app-process.ts';

/**
 * `npm run build` then the compiled entry under plain `node`, no TypeScript loader: what production
 * runs. Built into a folder of this run's own (inside node_modules/.cache, where the compiled files
 * still find node_modules), never over a developer's dist/.
 */
const outDir = join(REPO_ROOT, 'node_modules/.cache', `rimborso-build-${randomBytes(4).toString('hex')}`);
let slack: SlackStandIn;
let database: TestDatabase;

beforeAll(async () => {
  await promisify(execFile)(
    process.execPath,
    [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir],
    {
      cwd: REPO_ROOT,
    },
  );
  slack = await startSlackStandIn({ channelMembers: ['UREVIEWER1'] });
  database = await createTestDatabase();
}, 180_000);
afterAll(async () => {
  await slack?.stop();
  await database?.destroy();
  rmSync(outDir, { recursive: true, force: true });
});

function compiledFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the production build', () => {
  it('compiles src/ and migrations/ to JavaScript whose relative imports name .js files', () => {
    const files = compiledFiles(outDir);
    expect(files).toContain(join(outDir, 'src/main.js'));
    expect(files).toContain(join(outDir, 'migrations/index.js'));
    const tsImports = files.filter((file) => /from '\.{1,2}\/[^']*\.ts'/.test(readFileSync(file, 'utf8')));
    expect(tsImports).toEqual([]);
  });

  it('starts under plain node (no TypeScript loader), migrates, serves /healthz and /readyz, and stops on SIGTERM', async () => {
    const port = await freePort();
    const app = spawnApp(
      [join(outDir, 'src/main.js')],
      baseEnv({ SLACK_API_URL: slack.apiUrl, DATABASE_URL: database.url, PORT: String(port) }),
    );
    try {
      await app.waitForOutput(/refund app running/, 60_000);
      expect(app.child.spawnargs).toEqual([process.execPath, join(outDir, 'src/main.js')]);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      expect(app.stderr()).toBe('');
    } finally {
      expect(await app.stop()).toBe(0);
    }
  }, 90_000);
});
