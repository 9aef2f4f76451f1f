/**
 * Outbox worker: the background loop that leases due outbox messages, hands each to the deliverer, and records the
 * outcome (delivered, retried, blocked until a person fixes the cause, or failed) per retry-policy.ts. Paces review
 * channel posts, pauses on a refused token, and re-checks blocked messages. Built by application.ts, one per instance.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_CHANNEL_PACING,
  REVIEW_CHANNEL_POSTS,
  createTokenBucket,
  type ChannelPacing,
} from './channel-pacing.ts';
import { recordClaimEvent } from '../db/audit.repository.ts';
import type { Db } from '../db/database.ts';
import {
  finishMessage,
  leaseDueMessages,
  renewLease,
  rescheduleMessage,
  type QueuedMessage,
} from '../db/outbox.repository.ts';
import type { AppLogger } from '../logger.ts';
import { parkMessage, releaseBlockedDeliveries } from '../use-cases/blocked-deliveries.ts';
import { createOutageLog } from './outage-log.ts';
import {
  DEFAULT_RETRY_POLICY,
  TOKEN_ERRORS,
  decideRetry,
  describeError,
  isOutcomeUnknown,
  type RetryPolicy,
} from './retry-policy.ts';

export interface OutboxWorkerOptions {
  pollMs: number;
  /** At most this many messages in flight at once; each settles on its own. */
  batchSize: number;
  /** How long a lease lasts; renewed every third of it while the message is in flight. */
  leaseMs: number;
  retry: RetryPolicy;
  /** Every this often, one blocked message is tried again (its cause may have cleared). */
  blockedRecheckMs: number;
  /** Backoff of the bookkeeping after a send (finish, review ts, audit) while the database is away. */
  bookkeepingBackoffMs: { base: number; max: number };
  /** The pace of posts into the review channel (leased only when they may go out now). */
  reviewChannelPacing: ChannelPacing;
}

export const DEFAULT_WORKER_OPTIONS: OutboxWorkerOptions = {
  pollMs: 1000,
  batchSize: 20,
  leaseMs: 60_000,
  retry: DEFAULT_RETRY_POLICY,
  blockedRecheckMs: 5 * 60_000,
  bookkeepingBackoffMs: { base: 100, max: 5_000 },
  reviewChannelPacing: DEFAULT_CHANNEL_PACING,
};

/** What a delivery did, and the writes that record it (run with the finish, in one transaction). */
export interface DeliveryResult {
  outcome: 'delivered' | 'skipped';
  record?: (trx: Db) => Promise<void>;
}

export interface OutboxWorkerDeps {
  db: Db;
  logger: AppLogger;
  clock: () => Date;
  deliver: (message: QueuedMessage) => Promise<DeliveryResult>;
  /**
   * Told of a message given up for good (a permanent refusal, or too old to retry), after it is marked
   * failed: what it stood for records the outcome (an email's attempt says its reply failed).
   */
  givenUp?: (message: QueuedMessage, reason: string) => Promise<void>;
  options?: Partial<OutboxWorkerOptions>;
}

class LeaseLost extends Error {}

/** Data, integrity or statement errors (SQLSTATE classes 22, 23, 42): trying again cannot help. */
function isPermanentDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|42)[0-9A-Z]{3}$/.test(code);
}

/**
 * Delivers the outbox: keeps up to `batchSize` messages in flight, each the head of its own
 * claim-and-lane, each settling on its own (a hung call holds one slot, not the others). Once Slack
 * accepted a message, recording it is retried until it succeeds while the lease is kept alive, so a
 * database hiccup never causes a resend. Several workers, in one process or many, share the table.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps) {
  const options = { ...DEFAULT_WORKER_OPTIONS, ...deps.options };
  const workerId = randomUUID();
  const outage = createOutageLog(deps.logger, 'outbox');
  const inFlight = new Set<Promise<void>>();
  /** Ids this worker is delivering: never leased again by itself, even if the lease ran out meanwhile. */
  const inFlightIds = new Set<string>();
  /** Causes already logged (the log says each once, until it clears). */
  const announced = new Set<string>();
  // Only what the review channel's pace lets out now is leased: a paced message never waits holding a lease.
  const reviewChannel = createTokenBucket(options.reviewChannelPacing);
  const reviewPosts = new Set<string>(REVIEW_CHANNEL_POSTS);
  let running = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let recheckTimer: NodeJS.Timeout | undefined;
  /** A token Slack refuses: no new leases until the next re-check or release. */
  let pausedFor: string | undefined;
  /** Slack refused the token since the last delivery: the next delivery proves it works again. */
  let tokenRefused: string | undefined;

  /** Runs a write until it succeeds (backing off while the database is away) or the lease is lost. */
  async function persist<T>(what: string, write: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await write();
        outage.succeeded();
        return result;
      } catch (error) {
        if (error instanceof LeaseLost) return undefined;
        if (isPermanentDatabaseError(error)) {
          // The lease runs out and the next attempt looks for the message before sending it again.
          deps.logger.error('outbox bookkeeping failed for good', { what, error: describeError(error) });
          return undefined;
        }
        outage.failed(error);
        // Stopping: the lease runs out and the next attempt looks for the message before resending.
        if (!running && attempt >= 3) {
          deps.logger.warn('outbox bookkeeping abandoned at shutdown', { what });
          return undefined;
        }
        const { base, max } = options.bookkeepingBackoffMs;
        await sleep(Math.min(base * 2 ** attempt, max));
      }
    }
  }

  /** Renews the lease while the message is in flight, so it only expires for a worker that is gone. */
  function keepLease(message: QueuedMessage): () => void {
    const timer = setInterval(
      () => {
        renewLease(deps.db, message.id, workerId, new Date(deps.clock().getTime() + options.leaseMs))
          .then((kept) => {
            outage.succeeded();
            if (!kept)
              deps.logger.warn('outbox lease lost while in flight', { outboxId: message.id, kind: message.kind });
          })
          .catch((error: unknown) => outage.failed(error));
      },
      Math.max(1, Math.floor(options.leaseMs / 3)),
    );
    timer.unref();
    return () => clearInterval(timer);
  }

  async function settle(message: QueuedMessage): Promise<void> {
    const log = { outboxId: message.id, claimId: message.claimId, kind: message.kind, attempt: message.attempts + 1 };
    const release = keepLease(message);
    try {
      let result: DeliveryResult;
      try {
        result = await deps.deliver(message);
      } catch (error) {
        await persist('failure', () => recordFailure(message, error, log));
        return;
      }
      const finished = await persist('delivery', () => recordDelivery(message, result));
      if (finished) {
        deps.logger.debug('outbox message delivered', { ...log, outcome: result.outcome });
        if (result.outcome === 'delivered') await afterSuccess(message);
      }
    } finally {
      release();
    }
  }

  /**
   * The writes after Slack accepted, in one transaction: recording the review ts, the audit, the
   * finish. A write that can never succeed (its claim erased meanwhile, a constraint) does not hold
   * the message forever nor undo the send: it is marked delivered without them, and that is logged.
   */
  async function recordDelivery(message: QueuedMessage, result: DeliveryResult): Promise<boolean> {
    const finish = (trx: Db, record?: (trx: Db) => Promise<void>) =>
      trx.transaction().execute(async (tx) => {
        await record?.(tx);
        const finished = await finishMessage(tx, message.id, workerId, {
          status: 'delivered',
          now: deps.clock(),
          ...(result.outcome === 'skipped' ? { error: 'skipped' } : {}),
        });
        if (!finished) throw new LeaseLost();
        return true;
      });
    try {
      return await finish(deps.db, result.record);
    } catch (error) {
      if (!result.record || !isPermanentDatabaseError(error)) throw error;
      deps.logger.error('bookkeeping after a send failed for good: marked delivered without it', {
        outboxId: message.id,
        kind: message.kind,
        error: describeError(error),
      });
      return finish(deps.db);
    }
  }

  /** A message delivered after a block, or while the token was refused: its cause cleared for the others too. */
  async function afterSuccess(message: QueuedMessage): Promise<void> {
    const cleared = [message.releasedFrom?.cause, tokenRefused].filter((c): c is string => c !== undefined);
    pausedFor = undefined;
    tokenRefused = undefined;
    if (cleared.length === 0) return;
    const causes = [...new Set(cleared.flatMap((c) => (TOKEN_ERRORS.has(c) ? [...TOKEN_ERRORS] : [c])))];
    const released = await persist('release', () =>
      releaseBlockedDeliveries(deps.db, { now: deps.clock(), trigger: 'cause_cleared', causes }),
    );
    for (const cause of causes) {
      if (announced.delete(cause)) deps.logger.info('slack delivery resumed: the cause cleared', { cause, released });
    }
    wakeUp?.();
  }

  async function recordFailure(message: QueuedMessage, error: unknown, log: Record<string, unknown>): Promise<void> {
    const now = deps.clock();
    const ageFrom = message.releasedFrom?.at ?? message.createdAt;
    const decision = decideRetry(error, { attempts: message.attempts, createdAt: ageFrom, now, policy: options.retry });
    if (decision.kind === 'block') {
      if (!(await parkMessage(deps.db, message, { workerId, cause: decision.reason, now }))) return;
      if (TOKEN_ERRORS.has(decision.reason)) {
        pausedFor = decision.reason;
        tokenRefused = decision.reason;
      }
      if (announced.has(decision.reason)) {
        deps.logger.debug('slack delivery blocked', { ...log, cause: decision.reason });
      } else {
        announced.add(decision.reason);
        deps.logger.error('slack delivery blocked until a person fixes its cause', { ...log, cause: decision.reason });
      }
      return;
    }
    if (decision.kind === 'retry') {
      await rescheduleMessage(deps.db, message.id, workerId, {
        at: decision.at,
        error: decision.reason,
        // Sticky: a definite refusal now (a 429 before the look-up) says nothing of an earlier attempt.
        outcomeUnknown: message.outcomeUnknown || isOutcomeUnknown(error),
      });
      deps.logger.warn('slack delivery will be retried', {
        ...log,
        reason: decision.reason,
        at: decision.at.toISOString(),
      });
      return;
    }
    const finished = await finishMessage(deps.db, message.id, workerId, {
      status: 'failed',
      error: decision.reason,
      now,
    });
    if (!finished) return;
    deps.logger.error('slack delivery failed for good', { ...log, reason: decision.reason });
    await deps
      .givenUp?.(message, decision.reason)
      .catch((error: unknown) =>
        deps.logger.error('recording a given-up message failed', { ...log, error: describeError(error) }),
      );
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

  async function lease(limit: number): Promise<QueuedMessage[]> {
    const now = deps.clock();
    const leased = await leaseDueMessages(deps.db, {
      now,
      leaseUntil: new Date(now.getTime() + options.leaseMs),
      workerId,
      limit,
      inFlight: [...inFlightIds],
      paced: { kinds: REVIEW_CHANNEL_POSTS, limit: reviewChannel.available() },
    });
    for (const message of leased) if (reviewPosts.has(message.kind)) reviewChannel.take();
    return leased;
  }

  function track(message: QueuedMessage): Promise<void> {
    inFlightIds.add(message.id);
    const settled = settle(message)
      .catch((error: unknown) =>
        deps.logger.error('outbox delivery failed unexpectedly', { outboxId: message.id }, error),
      )
      .finally(() => {
        inFlight.delete(settled);
        inFlightIds.delete(message.id);
        wakeUp?.(); // a slot is free
      });
    inFlight.add(settled);
    return settled;
  }

  /** One pass, waiting for what it leased: returns how many messages it handled (tests, the demo). */
  async function runOnce(): Promise<number> {
    const due = await lease(options.batchSize);
    await Promise.all(due.map((message) => track(message)));
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
      const free = options.batchSize - inFlight.size;
      let leased = 0;
      if (free > 0 && !pausedFor) {
        try {
          const due = await lease(free);
          outage.succeeded();
          for (const message of due) void track(message);
          leased = due.length;
        } catch (error) {
          outage.failed(error);
        }
      }
      // Posts held back by the review channel's pace are leased again as soon as the next may go out.
      const paced = reviewChannel.msUntilNext();
      if (running && (free <= 0 || leased < free || pausedFor))
        await pause(paced > 0 ? Math.min(options.pollMs, paced) : options.pollMs);
    }
  }

  /** One blocked message is tried again every so often: a cause may clear with nobody telling us. */
  async function recheckBlocked(): Promise<void> {
    try {
      const released = await releaseBlockedDeliveries(deps.db, { now: deps.clock(), trigger: 'recheck', limit: 1 });
      outage.succeeded();
      if (released > 0 || pausedFor) {
        pausedFor = undefined;
        wakeUp?.();
      }
    } catch (error) {
      outage.failed(error);
    }
  }

  return {
    workerId,
    runOnce,
    recheckBlocked,
    start() {
      if (running) return;
      running = true;
      loop = run();
      recheckTimer = setInterval(() => void recheckBlocked(), options.blockedRecheckMs);
      recheckTimer.unref();
    },
    /** Delivers soon instead of at the next poll (after a state change in this process). */
    wake() {
      wakeUp?.();
    },
    /** Blocked messages were released (the bot joined, an operator): leases again even if paused. */
    resume() {
      pausedFor = undefined;
      wakeUp?.();
    },
    /** Stops leasing and waits for the messages in flight; what is left goes out with the next start or another instance. */
    async stop() {
      running = false;
      clearInterval(recheckTimer);
      wakeUp?.();
      await loop;
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
