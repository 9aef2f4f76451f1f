/**
 * Use case (read-only): the figures of the team's report for a period — claims, refunds, credits charged,
 * claims overdue now — read from the database and computed by domain/ops-report.ts. Used by
 * `/rimborso report` (listeners/refund-form.ts) and by the weekly report (enqueue-weekly-report.ts).
 */
import type { Db } from '../db/database.ts';
import { countPendingClaims } from '../db/metrics.repository.ts';
import { findClaimsForReport, sumChargedCredits } from '../db/report.repository.ts';
import type { BusinessCalendar } from '../domain/business-days.ts';
import { computeReportFigures, type ReportFigures, type ReportPeriod } from '../domain/ops-report.ts';
import { addDays, romeDateOf, romeInstant } from '../domain/rome-calendar.ts';

/** Reads what the report of `period` needs and computes its figures; "overdue now" is as of `now`. */
export async function buildReport(
  deps: { db: Db; calendar: BusinessCalendar },
  period: ReportPeriod,
  now: Date,
): Promise<ReportFigures> {
  const from = romeInstant(period.from, 0);
  const to = romeInstant(addDays(period.to, 1), 0);
  const rows = await findClaimsForReport(deps.db, from, to);
  const refunded = [...new Set(rows.filter((row) => row.status === 'approved').map((row) => row.professionalId))];
  const [chargedByProfessional, pending] = await Promise.all([
    sumChargedCredits(deps.db, refunded, from, to),
    countPendingClaims(deps.db, romeDateOf(now)),
  ]);
  return computeReportFigures({
    period,
    rows,
    chargedByProfessional,
    overdueNow: pending.overdue,
    calendar: deps.calendar,
  });
}
