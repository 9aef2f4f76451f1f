/**
 * Health: the readiness model behind /readyz: a list of named checks run together, each bounded in time, ready only
 * when all pass, and a cache so frequent probes do not call Slack each time. The checks themselves are listed in
 * readiness-checks.ts.
 */
import type { CheckResult } from './slack-checks.ts';

/**
 * Readiness as a list of named checks: /readyz runs them all (each bounded in time) and answers 200
 * only when every one passes. Adding a check is one more entry in the list given to createReadiness.
 */
export interface ReadinessCheck {
  name: string;
  run: () => Promise<CheckResult>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: true } | { ok: false; problem: string }>;
}

export interface Readiness {
  evaluate(): Promise<ReadinessReport>;
}

export function createReadiness(checks: readonly ReadinessCheck[], options: { timeoutMs?: number } = {}): Readiness {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return {
    async evaluate() {
      const results = await Promise.all(
        checks.map(async (check) => [check.name, await runBounded(check, timeoutMs)] as const),
      );
      return { ready: results.every(([, result]) => result.ok), checks: Object.fromEntries(results) };
    },
  };
}

async function runBounded(check: ReadinessCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, problem: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
  });
  try {
    return await Promise.race([
      check.run().catch((error: unknown): CheckResult => ({
        ok: false,
        problem: error instanceof Error ? error.message : String(error),
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Keeps a check's result for `ttlMs` so that a probe every few seconds does not call Slack every few
 * seconds; calls made while one is in flight share it.
 */
export function cacheCheck(
  run: () => Promise<CheckResult>,
  ttlMs: number,
  now: () => number = Date.now,
): () => Promise<CheckResult> {
  let cached: { at: number; result: Promise<CheckResult> } | undefined;
  return () => {
    if (!cached || now() - cached.at >= ttlMs) {
      const result = run();
      cached = { at: now(), result };
      // A check that threw is not kept: the next probe asks again.
      result.catch(() => {
        cached = undefined;
      });
    }
    return cached.result;
  };
}
