/**
 * Domain (pure): the team's weekly or monthly operations report: which period is due (weekly, Mondays at the notify
 * hour in Rome) and its figures computed from claim rows and ledger charges (received, decided and how fast, credits
 * refunded, top professionals). The figures are JSON-safe, queued with the report and posted as they were.
 */
import { businessDaysBetween, type BusinessCalendar } from './business-days.ts';
import type { IsoDate } from './claim.ts';
import { addDays, romeDateOf, romeInstant, weekdayOf } from './rome-calendar.ts';

/**
 * The figures of the team's report for a period: what came in, what was decided and how fast, what
 * went back. Pure: rows in, figures out (JSON-safe, so a queued report carries them as they were).
 */
export type ReportPeriodKind = 'week' | 'month';

export interface ReportPeriod {
  kind: ReportPeriodKind;
  /** First day, Rome. */
  from: IsoDate;
  /** Last day, Rome (included). */
  to: IsoDate;
}

/** A claim submitted or decided in the period. */
export interface ReportClaimRow {
  professionalId: string;
  reason: string;
  status: string;
  credits: number;
  submittedAt: Date;
  decidedAt: Date | null;
  reviewDeadlineOn: IsoDate | null;
}

export interface ReasonCounts {
  reason: string;
  received: number;
  ineligible: number;
  approved: number;
  rejected: number;
}

export interface ProfessionalShare {
  professionalId: string;
  creditsRefunded: number;
  creditsCharged: number;
  /** Refunded ÷ charged in the period; null when the ledger has no charge of theirs in it. */
  share: number | null;
}

export interface ReportFigures {
  period: ReportPeriod;
  received: { total: number; toReview: number; ineligible: number };
  decided: {
    total: number;
    approved: number;
    rejected: number;
    withinDeadline: number;
    /** withinDeadline ÷ total; null when nothing was decided. */
    withinDeadlineShare: number | null;
    medianBusinessDays: number | null;
  };
  byReason: ReasonCounts[];
  creditsRefunded: number;
  overdueNow: number;
  topProfessionals: ProfessionalShare[];
}

export const TOP_PROFESSIONALS = 5;

/** The Monday (Rome) of the week that contains `date`. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** The last complete week (Monday–Sunday) or calendar month before the one `now` is in, in Rome. */
export function previousPeriod(kind: ReportPeriodKind, now: Date): ReportPeriod {
  const today = romeDateOf(now);
  if (kind === 'week') {
    const from = addDays(mondayOf(today), -7);
    return { kind, from, to: addDays(from, 6) };
  }
  const firstOfThisMonth = `${today.slice(0, 8)}01`;
  const to = addDays(firstOfThisMonth, -1);
  return { kind, from: `${to.slice(0, 8)}01`, to };
}

/** ISO 8601 week of a Monday: "2026-W48". Names a weekly report once, whichever instance sends it. */
export function isoWeekOf(monday: IsoDate): string {
  const thursday = addDays(monday, 3);
  const year = thursday.slice(0, 4);
  const week =
    Math.floor(
      (Number(new Date(`${thursday}T00:00:00Z`)) - Number(new Date(`${mondayOf(`${year}-01-04`)}T00:00:00Z`))) /
        (7 * 86_400_000),
    ) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The weekly report due at `now`: every Monday at `notifyHour` in Rome, for the week before. The one
 * whose time came last is returned, so a sweep after downtime or a moved clock still finds it.
 */
export function dueWeeklyReport(now: Date, notifyHour: number): { period: ReportPeriod; weekKey: string; dueAt: Date } {
  let monday = mondayOf(romeDateOf(now));
  if (romeInstant(monday, notifyHour) > now) monday = addDays(monday, -7);
  const from = addDays(monday, -7);
  return {
    period: { kind: 'week', from, to: addDays(from, 6) },
    weekKey: isoWeekOf(from),
    dueAt: romeInstant(monday, notifyHour),
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const within = (date: IsoDate, period: ReportPeriod) => date >= period.from && date <= period.to;

export function computeReportFigures(input: {
  period: ReportPeriod;
  rows: readonly ReportClaimRow[];
  /** Credits the ledger charged each professional in the period. */
  chargedByProfessional: ReadonlyMap<string, number>;
  overdueNow: number;
  calendar: BusinessCalendar;
}): ReportFigures {
  const { period, calendar } = input;
  const received = input.rows.filter((row) => within(romeDateOf(row.submittedAt), period));
  const decided = input.rows.filter((row) => row.decidedAt !== null && within(romeDateOf(row.decidedAt), period));
  const approved = decided.filter((row) => row.status === 'approved');
  const onTime = decided.filter(
    (row) => row.reviewDeadlineOn !== null && romeDateOf(row.decidedAt as Date) <= row.reviewDeadlineOn,
  );
  const daysTaken = decided.map((row) =>
    businessDaysBetween(romeDateOf(row.submittedAt), romeDateOf(row.decidedAt as Date), calendar.isBusinessDay),
  );

  const reasons = new Map<string, ReasonCounts>();
  const countsOf = (reason: string) => {
    const counts = reasons.get(reason) ?? { reason, received: 0, ineligible: 0, approved: 0, rejected: 0 };
    reasons.set(reason, counts);
    return counts;
  };
  for (const row of received) {
    countsOf(row.reason).received += 1;
    if (row.status === 'ineligible') countsOf(row.reason).ineligible += 1;
  }
  for (const row of decided) countsOf(row.reason)[row.status === 'approved' ? 'approved' : 'rejected'] += 1;

  const refundedBy = new Map<string, number>();
  for (const row of approved)
    refundedBy.set(row.professionalId, (refundedBy.get(row.professionalId) ?? 0) + row.credits);
  const topProfessionals = [...refundedBy].map(([professionalId, creditsRefunded]): ProfessionalShare => {
    const creditsCharged = input.chargedByProfessional.get(professionalId) ?? 0;
    return {
      professionalId,
      creditsRefunded,
      creditsCharged,
      share: creditsCharged > 0 ? creditsRefunded / creditsCharged : null,
    };
  });
  topProfessionals.sort(
    (a, b) =>
      (b.share ?? -1) - (a.share ?? -1) ||
      b.creditsRefunded - a.creditsRefunded ||
      a.professionalId.localeCompare(b.professionalId),
  );

  return {
    period,
    received: {
      total: received.length,
      toReview: received.filter((row) => row.status !== 'ineligible').length,
      ineligible: received.filter((row) => row.status === 'ineligible').length,
    },
    decided: {
      total: decided.length,
      approved: approved.length,
      rejected: decided.length - approved.length,
      withinDeadline: onTime.length,
      withinDeadlineShare: decided.length === 0 ? null : onTime.length / decided.length,
      medianBusinessDays: median(daysTaken),
    },
    byReason: [...reasons.values()].sort(
      (a, b) =>
        b.received + b.approved + b.rejected - (a.received + a.approved + a.rejected) ||
        a.reason.localeCompare(b.reason),
    ),
    creditsRefunded: approved.reduce((sum, row) => sum + row.credits, 0),
    overdueNow: input.overdueNow,
    topProfessionals: topProfessionals.slice(0, TOP_PROFESSIONALS),
  };
}
