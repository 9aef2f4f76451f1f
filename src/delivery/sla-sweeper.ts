import type { Db } from '../db/database.ts';
import type { AppLogger } from '../logger.ts';
import { runSlaSweep } from '../use-cases/run-sla-sweep.ts';

const SWEEP_BATCH = 500;

/** Runs the SLA sweep at start-up and then every `intervalMs`; wakes the outbox when it queued something. */
export function createSlaSweeper(deps: {
  db: Db;
  clock: () => Date;
  logger: AppLogger;
  intervalMs: number;
  onQueued: () => void;
  /** Jobs due by the clock (the weekly report…), run after the reminders by every sweep: each returns how many messages it queued. */
  jobs?: readonly (() => Promise<number>)[];
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  /** Sweeps batch after batch until less than a full batch was due (a backlog after downtime). */
  async function sweepOnce(): Promise<number> {
    let queued = 0;
    for (;;) {
      const batch = await runSlaSweep(deps, SWEEP_BATCH);
      queued += batch;
      if (batch < SWEEP_BATCH) break;
    }
    for (const job of deps.jobs ?? []) queued += await job();
    if (queued > 0) {
      deps.logger.info('sla notices queued', { count: queued });
      deps.onQueued();
    }
    return queued;
  }

  function tick() {
    // One sweep at a time in this process; other instances are kept apart by the database.
    if (running) return;
    running = sweepOnce()
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.error('sla sweep failed', error))
      .finally(() => {
        running = undefined;
      });
  }

  return {
    sweepOnce,
    start() {
      tick();
      timer = setInterval(tick, deps.intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
