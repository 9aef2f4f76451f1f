import { describe, expect, it } from 'vitest';
import { dueWeeklyReport, isoWeekOf, mondayOf, previousPeriod } from '../../src/domain/ops-report.ts';
import { parseSubcommand } from '../../src/slack/listeners/refund-form.ts';

describe('the report’s periods', () => {
  it.each([
    ['2026-11-30', '2026-11-30'],
    ['2026-12-06', '2026-11-30'],
    ['2026-12-01', '2026-11-30'],
    ['2027-01-01', '2026-12-28'],
  ])('the Monday of %s is %s', (date, monday) => expect(mondayOf(date)).toBe(monday));

  it.each([
    ['2026-11-23', '2026-W48'],
    ['2026-12-28', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2025-12-29', '2026-W01'],
  ])('the ISO week of Monday %s is %s', (monday, week) => expect(isoWeekOf(monday)).toBe(week));

  it.each([
    // 09:00 in Rome is 08:00Z in winter, 07:00Z in summer.
    ['2026-11-30T07:59:59Z', 9, '2026-11-16', '2026-W47'],
    ['2026-11-30T08:00:00Z', 9, '2026-11-23', '2026-W48'],
    ['2026-12-06T22:59:00Z', 9, '2026-11-23', '2026-W48'],
    ['2026-12-06T23:30:00Z', 9, '2026-11-23', '2026-W48'],
    ['2026-06-08T07:00:00Z', 9, '2026-06-01', '2026-W23'],
    ['2026-11-30T05:00:00Z', 6, '2026-11-23', '2026-W48'],
  ])('at %s (hour %i) the report due is the week from %s (%s)', (now, hour, from, week) => {
    const due = dueWeeklyReport(new Date(now), hour);
    expect(due.period).toEqual({
      kind: 'week',
      from,
      to: `${from.slice(0, 8)}${String(Number(from.slice(8)) + 6).padStart(2, '0')}`,
    });
    expect(due.weekKey).toBe(week);
  });

  it.each([
    ['week', '2026-12-02T10:00:00Z', '2026-11-23', '2026-11-29'],
    ['month', '2026-12-02T10:00:00Z', '2026-11-01', '2026-11-30'],
    ['month', '2026-03-01T00:30:00+01:00', '2026-02-01', '2026-02-28'],
    ['month', '2027-01-15T10:00:00Z', '2026-12-01', '2026-12-31'],
  ] as const)('the last complete %s before %s is %s – %s', (kind, now, from, to) => {
    expect(previousPeriod(kind, new Date(now))).toEqual({ kind, from, to });
  });
});

describe('/rimborso report words', () => {
  it.each([
    ['report', 'report_week'],
    ['report settimana', 'report_week'],
    ['REPORT  week', 'report_week'],
    ['report mese', 'report_month'],
    ['report month', 'report_month'],
    ['stato', 'status'],
    ['', 'form'],
  ])('%j → %s', (text, subcommand) => expect(parseSubcommand(text)).toBe(subcommand));
});
