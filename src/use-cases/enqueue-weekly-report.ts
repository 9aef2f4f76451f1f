/**
 * Use case: queues the team's weekly report on the outbox once its time has come, run as a periodic job of
 * every instance's SLA sweeper (wired in application.ts). The week is the message's dedupe key, so the report
 * is queued once whichever instance gets there first; the figures come from build-report.ts.
 */
import type { Db } from '../db/database.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { isMessageQueued } from '../db/report.repository.ts';
import { dedupeKeyOf, type StandaloneMessage } from '../domain/message-kinds.ts';
import type { BusinessCalendar } from '../domain/business-days.ts';
import { dueWeeklyReport } from '../domain/ops-report.ts';
import { buildReport } from './build-report.ts';

/**
 * Queues the weekly report whose time has come (Monday at SLA_NOTIFY_HOUR, Rome), unless it was queued
 * already. Run by every instance's sweep: the week is the outbox row's dedupe key, so whichever instance
 * comes first queues it and the others find it there — once, whatever restarts or clock moves happen.
 * A week with no claim received or decided gets no report. Returns 1 when it queued the report.
 */
export async function enqueueDueWeeklyReport(deps: {
  db: Db;
  clock: () => Date;
  calendar: BusinessCalendar;
  notifyHour: number;
}): Promise<number> {
  const now = deps.clock();
  const due = dueWeeklyReport(now, deps.notifyHour);
  const message: StandaloneMessage = { claimId: null, kind: 'weekly_report', variant: due.weekKey };
  if (await isMessageQueued(deps.db, dedupeKeyOf(message))) return 0;
  const figures = await buildReport(deps, due.period, now);
  // A week in which no claim came in and none was decided has nothing to read (overdue claims have
  // their own escalations); a new installation does not post an empty report either.
  if (figures.received.total === 0 && figures.decided.total === 0) return 0;
  await enqueueMessages(deps.db, [{ ...message, payload: { figures } }], now);
  return 1;
}
