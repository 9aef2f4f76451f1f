import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateToLatest } from '../../src/db/database.ts';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';

const run = promisify(execFile);

describe('embedded PostgreSQL', () => {
  let root: string;
  let dataDir: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'embedded-pg-test-'));
    // Under root the server runs as `postgres`, which must be able to reach the data folder.
    await chmod(root, 0o755);
    dataDir = join(root, 'pg');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('initialises a cluster the app migrates and uses, with real row locks across connections', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      expect(server.url).toMatch(/^postgres:\/\/postgres:\w+@127\.0\.0\.1:\d+\/postgres$/);
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      await withClient(server.url, (admin) => admin.query('CREATE DATABASE template_app'));
      const template = createDb(urlOf(server.url, 'template_app'), { max: 1 });
      await migrateToLatest(template).finally(() => template.destroy());
      await withClient(server.url, (admin) => admin.query('CREATE DATABASE app TEMPLATE template_app'));

      const db = createDb(urlOf(server.url, 'app'));
      try {
        await db.insertInto('refused_requests').values({ channel: 'dm', sender: 'U0KEPT', at: new Date() }).execute();
        const lockRow = (executor: typeof db) =>
          executor.selectFrom('refused_requests').select('id').where('sender', '=', 'U0KEPT').forUpdate();
        await db.transaction().execute(async (trx) => {
          await lockRow(trx).execute();
          await expect(lockRow(db).noWait().execute()).rejects.toMatchObject({ code: '55P03' });
        });
        await expect(lockRow(db).noWait().execute()).resolves.toHaveLength(1);
      } finally {
        await db.destroy();
      }
    } finally {
      await server.stop();
    }
  });

  it('a restart on the same data folder finds the data still there', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await sendersIn(urlOf(server.url, 'app'))).toEqual(['U0KEPT']);
    } finally {
      await server.stop();
    }
  });

  it('refuses a second server on a folder in use, naming the running one', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/PostgreSQL \(pid \d+\) is already running/);
    } finally {
      await server.stop();
    }
  });

  it('starts after a killed run whose postmaster.pid names a pid now taken by another process', async () => {
    const killed = await startEmbeddedPostgres({ dataDir });
    const pidFile = join(dataDir, 'postmaster.pid');
    const pid = Number.parseInt(await readFile(pidFile, 'utf8'), 10);
    const { stdout } = await run('ps', ['-o', 'pid=', '--ppid', String(pid)]);
    const workers = stdout.split('\n').filter(Boolean).map(Number);
    process.kill(pid, 'SIGKILL');
    await waitUntilGone([pid, ...workers]);
    await killed.stop();

    // After a reboot the pid is often someone else's; PostgreSQL alone would refuse to start then.
    const { uid, gid } = await stat(dataDir);
    const impostor = spawn('sleep', ['30'], { uid, gid, stdio: 'ignore' });
    try {
      const lockFile = await readFile(pidFile, 'utf8');
      await writeFile(pidFile, lockFile.replace(/^\d+/, String(impostor.pid)));
      const server = await startEmbeddedPostgres({ dataDir });
      try {
        expect(await sendersIn(urlOf(server.url, 'app'))).toEqual(['U0KEPT']);
      } finally {
        await server.stop();
      }
    } finally {
      impostor.kill();
    }
  });

  it('takes over the folder from a server whose app was killed without stopping it', async () => {
    const killedApp = await runModuleScript(`
      await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
      process.kill(process.pid, 'SIGKILL');`);
    expect(killedApp.signal).toBe('SIGKILL');
    const orphan = Number.parseInt(await readFile(join(dataDir, 'postmaster.pid'), 'utf8'), 10);
    expect(isAlive(orphan)).toBe(true);

    const server = await startEmbeddedPostgres({ dataDir });
    try {
      expect(isAlive(orphan)).toBe(false);
      expect(await sendersIn(urlOf(server.url, 'app'))).toEqual(['U0KEPT']);
    } finally {
      await server.stop();
    }
  });

  it('keeps the exit code of a process that imports it without starting a server (tests on TEST_DATABASE_URL)', async () => {
    const result = await runModuleScript(`
      void startEmbeddedPostgres;
      process.exitCode = 3;`);
    expect(result).toEqual({ code: 3, signal: null, output: '' });
  });

  it('keeps the exit code of the process using it, prints nothing, and deletes a throwaway data folder', async () => {
    const throwaway = join(root, 'throwaway');
    const result = await runModuleScript(`
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(throwaway)}, persistent: false });
      await server.stop();
      process.exitCode = 3;`);
    expect(result).toEqual({ code: 3, signal: null, output: '' });
    expect(existsSync(throwaway)).toBe(false);
  });
});

function urlOf(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function sendersIn(url: string): Promise<string[]> {
  const { rows } = await withClient(url, (client) =>
    client.query<{ sender: string }>('SELECT sender FROM refused_requests'),
  );
  return rows.map((row) => row.sender);
}

/** Runs `body` in a separate Node process, with startEmbeddedPostgres imported. */
async function runModuleScript(body: string) {
  const moduleUrl = new URL('../../src/db/embedded-postgres.ts', import.meta.url).href;
  const script = `const { startEmbeddedPostgres } = await import(${JSON.stringify(moduleUrl)});\n${body}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolveExit) =>
    child.on('close', (...exit) => resolveExit(exit)),
  );
  return { code, signal, output };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pids: number[]): Promise<void> {
  for (let waited = 0; pids.some(isAlive); waited += 20) {
    if (waited > 5_000) throw new Error(`processes ${pids.join(', ')} still running`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
