import { randomUUID } from 'node:crypto';
import { recordClaimEvent } from '../db/audit.repository.ts';
import type { Db } from '../db/database.ts';
import { finishMessage, leaseDueMessages, rescheduleMessage, type QueuedMessage } from '../db/outbox.repository.ts';
import type { AppLogger } from '../logger.ts';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retry-policy.ts';

export interface OutboxWorkerOptions {
  pollMs: number;
  batchSize: number;
  /** A lease longer than any Slack call (the client times out first), so a live worker keeps its rows. */
  leaseMs: number;
  retry: RetryPolicy;
}

export const DEFAULT_WORKER_OPTIONS: OutboxWorkerOptions = {
  pollMs: 1000,
  batchSize: 20,
  leaseMs: 60_000,
  retry: DEFAULT_RETRY_POLICY,
};

export interface OutboxWorkerDeps {
  db: Db;
  logger: AppLogger;
  clock: () => Date;
  deliver: (message: QueuedMessage) => Promise<'delivered' | 'skipped'>;
  options?: Partial<OutboxWorkerOptions>;
}

/**
 * Delivers the outbox: leases due messages, sends them concurrently (each is the head of its own
 * claim-and-lane), and records the outcome. Several workers, in one process or many, share the table.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const options = { ...DEFAULT_WORKER_OPTIONS, ...deps.options };
  const workerId = randomUUID();
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;

  async function settle(message: QueuedMessage): Promise<void> {
    const log = { outboxId: message.id, claimId: message.claimId, kind: message.kind, attempt: message.attempts + 1 };
    let outcome: 'delivered' | 'skipped';
    try {
      outcome = await deps.deliver(message);
    } catch (error) {
      await recordFailure(message, error, log);
      return;
    }
    await finishMessage(deps.db, message.id, workerId, {
      status: 'delivered',
      now: deps.clock(),
      ...(outcome === 'skipped' ? { error: 'skipped' } : {}),
    });
    deps.logger.debug('outbox message delivered', { ...log, outcome });
  }

  async function recordFailure(message: QueuedMessage, error: unknown, log: Record<string, unknown>): Promise<void> {
    const now = deps.clock();
    const decision = decideRetry(error, { attempts: message.attempts, createdAt: message.createdAt, now, policy: options.retry });
    if (decision.kind === 'retry') {
      await rescheduleMessage(deps.db, message.id, workerId, decision.at, decision.reason);
      deps.logger.warn('slack delivery will be retried', { ...log, reason: decision.reason, at: decision.at.toISOString() });
      return;
    }
    const finished = await finishMessage(deps.db, message.id, workerId, { status: 'failed', error: decision.reason, now });
    if (!finished) return;
    deps.logger.error('slack delivery failed for good', { ...log, reason: decision.reason });
    // A message without a claim has no claim audit; its own records (an email attempt) say it.
    if (message.claimId === null) return;
    await recordClaimEvent(deps.db, {
      claimId: message.claimId,
      kind: 'delivery_failed',
      actor: null,
      at: now,
      details: { message: message.kind, reason: decision.reason, attempts: message.attempts + 1 },
    });
  }

  /** One pass: returns how many messages it handled. */
  async function runOnce(): Promise<number> {
    const now = deps.clock();
    const due = await leaseDueMessages(deps.db, {
      now,
      leaseUntil: new Date(now.getTime() + options.leaseMs),
      workerId,
      limit: options.batchSize,
    });
    await Promise.all(due.map((message) => settle(message)));
    return due.length;
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function run(): Promise<void> {
    while (running) {
      let handled = 0;
      try {
        handled = await runOnce();
      } catch (error) {
        deps.logger.error('outbox pass failed', error);
      }
      if (running && handled < options.batchSize) await pause(options.pollMs);
    }
  }

  return {
    workerId,
    runOnce,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    /** Delivers soon instead of at the next poll (after a state change in this process). */
    wake() {
      wakeUp?.();
    },
    /** Stops after the pass in progress; what is left is delivered by the next start or another instance. */
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
