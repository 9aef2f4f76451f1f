import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { SIGNING_SECRET } from './processes.ts';

/** Signed requests over keep-alive node:http sockets, closed loop: each user waits for the ack, then sends again. */
export interface LevelResult {
  users: number;
  requests: number;
  failures: number;
  p50: number;
  p99: number;
  perSecond: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The form-encoded body Slack posts: a command's fields, or an interaction's `payload`. */
export function formBody(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function post(port: number, agent: Agent, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        host: '127.0.0.1',
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-signature': signature,
          'x-slack-request-timestamp': String(timestamp),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLevel(
  port: number,
  users: number,
  requests: number,
  bodyOf: (index: number) => string,
): Promise<LevelResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: users });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (next < requests) {
        const body = bodyOf(next++);
        const sent = performance.now();
        const status = await post(port, agent, body).catch(() => 0);
        latencies.push(performance.now() - sent);
        if (status !== 200) failures += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    users,
    requests,
    failures,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    perSecond: requests / seconds,
  };
}
