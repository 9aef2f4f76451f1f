import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/** The processes under test: each in its own process, measured from /proc (CPU ticks and peak RSS). */
export const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const TICK_MS = 10; // USER_HZ is 100 on Linux

export interface Child {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function firstLine(child: ChildProcess, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}): ${err.slice(-2000)}`)));
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
  };
}

export async function startStandIn(): Promise<{ apiUrl: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/stand-in.ts'], { stdio: 'pipe' });
  return { apiUrl: await firstLine(child, 'the Slack stand-in'), pid: child.pid ?? 0, stop: stopper(child) };
}

/** Bare Bolt opening the view in `viewFile` (the app's own modal, as JSON): the same bytes to Slack. */
export async function startBareBolt(apiUrl: string, viewFile: string): Promise<Child> {
  const port = await freePort();
  const env = {
    // eslint-disable-next-line no-restricted-properties -- bench/ is a tool, not the app.
    ...process.env,
    PORT: String(port),
    SLACK_API_URL: apiUrl,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    VIEW_FILE: viewFile,
  };
  const child = spawn(process.execPath, ['bench/bare-bolt.mjs'], { stdio: 'pipe', env });
  await firstLine(child, 'bare Bolt');
  return { pid: child.pid ?? 0, port, stop: stopper(child) };
}

/** The compiled app exactly as `npm start` runs it (dist/), against the stand-in and a bench database. */
export async function startApp(
  apiUrl: string,
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<Child> {
  const port = await freePort();
  const env = {
    // eslint-disable-next-line no-restricted-properties -- bench/ is a tool, not the app.
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    PORT: String(port),
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    REVIEW_CHANNEL_ID: 'CREVIEW',
    DATABASE_URL: databaseUrl,
    INBOUND_EMAIL_TOKEN: 'bench-inbound-email-token-0123456789',
    MAX_PENDING_CLAIMS: '1000',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['dist/src/main.js'], { stdio: 'pipe', env });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the app exited: ${err.slice(-2000)}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (res) => res.ok,
      () => false,
    );
    if (up) return { pid: child.pid ?? 0, port, stop: stopper(child) };
    await sleep(100);
  }
  throw new Error('the app did not answer /healthz within 30 s');
}

/** CPU milliseconds a process has used so far (user + system). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Peak resident set size in MB (VmHWM), and the current one (VmRSS). */
export function rssMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

/** CPU of the PostgreSQL backends serving one database (its pool's connections), summed. */
export async function postgresCpuMs(adminUrl: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    return rows.reduce((sum, row) => {
      try {
        return sum + cpuMs(row.pid);
      } catch {
        return sum; // a backend that ended meanwhile
      }
    }, 0);
  } finally {
    await client.end();
  }
}

/** How busy the rest of the machine is (cores), from /proc/stat over one second, minus our own processes. */
export async function machineLoad(ownPids: number[]): Promise<number> {
  const total = () => {
    const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
    const n = ticks.map(Number);
    return (n[0] ?? 0) + (n[1] ?? 0) + (n[2] ?? 0) + (n[5] ?? 0) + (n[6] ?? 0);
  };
  const own = () => ownPids.reduce((sum, pid) => sum + cpuMs(pid) / TICK_MS, process.cpuUsage().user / 10_000);
  const [t0, o0] = [total(), own()];
  await sleep(1_000);
  return (total() - t0 - (own() - o0)) / 100;
}
