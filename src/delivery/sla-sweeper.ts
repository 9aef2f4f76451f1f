/**
 * SLA sweeper: the background timer of each instance that runs the SLA sweep (due reminders and escalations
 * queued in the outbox) and then the clock-driven jobs (weekly report, retention), waking the outbox worker
 * when something was queued. Instances running it at once are kept apart by the database. application.ts builds
 * it with its jobs through createSweeperWithJobs.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { BusinessCalendar } from '../domain/business-days.ts';
import type { AppLogger } from '../logger.ts';
import { enqueueDueWeeklyReport } from '../use-cases/enqueue-weekly-report.ts';
import { runDailyRetention } from '../use-cases/redact-personal-data.ts';
import { runSlaSweep } from '../use-cases/run-sla-sweep.ts';
import { createOutageLog } from './outage-log.ts';

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
  const outage = createOutageLog(deps.logger, 'sla-sweeper', 0);

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

  function tick(): Promise<void> {
    // One sweep at a time in this process; other instances are kept apart by the database.
    if (running) return running;
    running = sweepOnce()
      .then(() => outage.succeeded())
      .catch((error: unknown) => outage.failed(error))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  return {
    sweepOnce,
    /** A sweep as the timer runs it: failures are logged (once per outage), never thrown. */
    tick,
    start() {
      void tick();
      timer = setInterval(() => void tick(), deps.intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/** The sweeper of one instance as application.ts runs it: every SLA_SWEEP_INTERVAL_SECONDS, with the weekly report and retention. */
export function createSweeperWithJobs(deps: {
  config: Config;
  db: Db;
  clock: () => Date;
  logger: AppLogger;
  calendar: BusinessCalendar;
  onQueued: () => void;
}) {
  const { config, db, clock, calendar } = deps;
  return createSlaSweeper({
    db,
    clock,
    logger: deps.logger,
    intervalMs: config.sla.sweepIntervalSeconds * 1000,
    onQueued: deps.onQueued,
    jobs: [
      () => enqueueDueWeeklyReport({ db, clock, calendar, notifyHour: config.sla.notifyHour }),
      () =>
        runDailyRetention({
          db,
          clock,
          retentionMonths: config.retentionMonths,
          replyIntervalHours: config.email.replyIntervalHours,
        }),
    ],
  });
}
