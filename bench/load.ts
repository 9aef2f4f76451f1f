import { performance } from 'node:perf_hooks';
import { summarise } from './stats.ts';

/** One request of a scenario: sends it, and says what was wrong with the answer (undefined: fine). */
export type Request = (index: number, user: number) => Promise<string | undefined>;

export interface LoadLevel {
  users: number;
  requests: number;
}

export interface LoadResult extends LoadLevel {
  /** Requests answered; fewer than `requests` when the level ran out of time. */
  completed: number;
  failures: number;
  firstFailure: string | undefined;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  throughput: number;
  durationMs: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Closed loop: `users` virtual users each send a request, wait for the whole answer, and send the next,
 * until `requests` were sent or `deadlineMs` passed. Latency is from just before the signed request
 * leaves to the end of the answer's body, so it is what Slack would wait for the ack.
 */
export async function runLoad(
  level: LoadLevel,
  request: Request,
  options: { firstIndex?: number; deadlineMs: number },
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const deadline = started + options.deadlineMs;

  async function user(id: number) {
    while (next < level.requests && performance.now() < deadline) {
      const index = (options.firstIndex ?? 0) + next++;
      const sent = performance.now();
      let problem: string | undefined;
      try {
        problem = await withTimeout(request(index, id), REQUEST_TIMEOUT_MS);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      latencies.push(performance.now() - sent);
      if (problem !== undefined) {
        failures += 1;
        firstFailure ??= problem;
      }
    }
  }

  await Promise.all(Array.from({ length: level.users }, (_, id) => user(id)));
  const durationMs = performance.now() - started;
  const summary = summarise(latencies);
  return {
    ...level,
    completed: summary.count,
    failures,
    firstFailure,
    p50Ms: summary.p50,
    p99Ms: summary.p99,
    maxMs: summary.max,
    throughput: summary.count / (durationMs / 1000),
    durationMs,
  };
}
