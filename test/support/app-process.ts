import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
/** tsx's loader by absolute path, so the process may run in a folder of its own (no .env of the developer's). */
export const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** The variables of a valid configuration; each test adds the ones under test. */
export function baseEnv(overrides: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: 'xoxb-process-test-token',
    SLACK_SIGNING_SECRET: 'process-test-signing-secret',
    REVIEW_CHANNEL_ID: 'CREVIEW',
    INBOUND_EMAIL_TOKEN: 'process-test-inbound-token-0123456789',
    SLA_SWEEP_INTERVAL_SECONDS: '3600',
    ...overrides,
  };
}

export interface AppProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<number | string>;
}

/** Spawns `node [args]` in `cwd` (a fresh folder by default) with exactly `env`. */
export function spawnApp(
  args: string[],
  env: Record<string, string>,
  cwd = mkdtempSync(join(tmpdir(), 'rimborso-proc-')),
): AppProcess {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => (out += chunk));
  child.stderr?.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | string>((resolveExit) =>
    child.on('close', (code, signal) => resolveExit(code ?? signal ?? -1)),
  );
  let done = false;
  void exited.then(() => (done = true));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitForOutput(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out + err)) {
        if (done || Date.now() > deadline) throw new Error(`no ${pattern} in the output:\n${out}\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      if (!done) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The process's stderr as lines, without blank ones. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** A port free right now, for a process to listen on. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
