import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../src/db/embedded-postgres.ts';
import { readBody } from '../src/http/read-body.ts';

/**
 * The soak run's world, all of it real processes or servers: a throwaway PostgreSQL of its own (never
 * the shared one on 5432) that can be restarted, the compiled app as child processes that can be
 * killed with SIGKILL, and the marketplace's webhook endpoint recording each delivery.
 */
export interface Instance {
  name: string;
  port: number;
  child: ChildProcess | undefined;
  /** Serving: started and answered /healthz (traffic and kills go only to ready instances). */
  ready: boolean;
  starts: number;
}

export async function startPostgres(dataDir: string, port: number): Promise<EmbeddedPostgresServer> {
  // Persistent, so that a stop and a start keep the data: a restart, not a new database.
  return startEmbeddedPostgres({ dataDir, port, persistent: true });
}

/** Starts (or starts again) one instance of the compiled app; resolves once it serves /healthz. */
export async function launch(instance: Instance, mainJs: string, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, [mainJs], {
    env: { ...env, PORT: String(instance.port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  instance.child = child;
  instance.ready = false;
  instance.starts += 1;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${instance.name} exited at start: ${stderr.trim().split('\n').at(-1) ?? ''}`);
    }
    const up = await fetch(`http://127.0.0.1:${instance.port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) {
      instance.ready = true;
      return;
    }
    await sleep(200);
  }
  throw new Error(`${instance.name} did not start in 60 s`);
}

/** kill -9: no shutdown, no finishing what is in flight. */
export function killHard(instance: Instance): boolean {
  const child = instance.child;
  if (!instance.ready || !child || child.exitCode !== null || child.signalCode !== null) return false;
  child.kill('SIGKILL');
  instance.child = undefined;
  instance.ready = false;
  return true;
}

export interface WebhookDelivery {
  idempotencyKey: string;
  body: string;
}

/** The marketplace: records every webhook delivery (its Idempotency-Key and bytes) and answers 200. */
export async function startMarketplace(): Promise<{ url: string; deliveries: WebhookDelivery[]; server: Server }> {
  const deliveries: WebhookDelivery[] = [];
  const server = createServer((req, res) => {
    readBody(req, 1_000_000).then(
      (body) => {
        deliveries.push({ idempotencyKey: String(req.headers['idempotency-key'] ?? ''), body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      },
      () => res.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/refunds`, deliveries, server };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
