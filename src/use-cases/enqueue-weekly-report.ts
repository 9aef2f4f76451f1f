import type { Db } from '../db/database.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { isMessageQueued } from '../db/report.repository.ts';
import { dedupeKeyOf, type StandaloneMessage } from '../delivery/message-kinds.ts';
import type { BusinessCalendar } from '../domain/italian-holidays.ts';
import { dueWeeklyReport } from '../domain/ops-report.ts';
import { buildReport } from './build-report.ts';

/**
 * Queues the weekly report whose time has come (Monday at SLA_NOTIFY_HOUR, Rome), unless it was queued
 * already. Run by every instance's sweep: the week is the outbox row's dedupe key, so whichever instance
 * comes first queues it and the others find it there — once, whatever restarts or clock moves happen.
 * Returns 1 when it queued the report.
 */
export async function enqueueDueWeeklyReport(deps: { db: Db; clock: () => Date; calendar: BusinessCalendar; notifyHour: number }): Promise<number> {
  const now = deps.clock();
  const due = dueWeeklyReport(now, deps.notifyHour);
  const message: StandaloneMessage = { claimId: null, kind: 'weekly_report', variant: due.weekKey };
  if (await isMessageQueued(deps.db, dedupeKeyOf(message))) return 0;
  const figures = await buildReport(deps, due.period, now);
  await enqueueMessages(deps.db, [{ ...message, payload: { figures } }], now);
  return (await isMessageQueued(deps.db, dedupeKeyOf(message))) ? 1 : 0;
}
