import { describe, expect, it } from 'vitest';
import { createBusinessCalendar, parseClosedDays, type ClosedDays } from '../../src/domain/italian-holidays.ts';
import { romeInstant } from '../../src/domain/rome-calendar.ts';
import { DEFAULT_SLA, planSla } from '../../src/domain/sla.ts';

const calendar = createBusinessCalendar();
const iso = (date: Date) => date.toISOString();

describe('romeInstant', () => {
  it.each([
    ['2026-12-02', 9, '2026-12-02T08:00:00.000Z'], // CET, UTC+1
    ['2026-07-15', 9, '2026-07-15T07:00:00.000Z'], // CEST, UTC+2
    ['2026-03-29', 9, '2026-03-29T07:00:00.000Z'], // the spring change happened at 02:00
    ['2026-10-25', 9, '2026-10-25T08:00:00.000Z'], // the autumn change happened at 03:00
    ['2026-12-02', 0, '2026-12-01T23:00:00.000Z'],
    ['2026-03-29', 2, '2026-03-29T01:00:00.000Z'], // 02:00 does not exist that night: winter offset
  ])('%s at %i:00 in Rome is %s', (date, hour, expected) => {
    expect(iso(romeInstant(date, hour))).toBe(expected);
  });
});

describe('planSla', () => {
  it('plans the deadline, the reminders at 2 and 0 business days left, and the escalation on the next business morning', () => {
    const plan = planSla(new Date('2026-11-20T10:00:00Z'), calendar, DEFAULT_SLA);
    expect(plan.deadline).toBe('2026-12-04');
    expect(plan.notices.map((n) => [n.kind, n.businessDaysLeft, iso(n.dueAt)])).toEqual([
      ['reminder', 2, '2026-12-02T08:00:00.000Z'],
      ['reminder', 0, '2026-12-04T08:00:00.000Z'],
      ['escalation', -1, '2026-12-07T08:00:00.000Z'],
    ]);
  });

  it('skips the holidays around the deadline: 8 December, and Christmas to Epiphany', () => {
    // Submitted Monday 30 November: the 10 business days skip Tuesday 8 December.
    const december = planSla(new Date('2026-11-30T10:00:00Z'), calendar, DEFAULT_SLA);
    expect(december.deadline).toBe('2026-12-15');
    const christmas = planSla(new Date('2026-12-22T10:00:00Z'), calendar, DEFAULT_SLA);
    expect(christmas.deadline).toBe('2027-01-08');
    // Two business days before Friday 8 January: Wednesday 6 is Epiphany, so Tuesday 5 and Thursday 7
    // are the two that remain after Monday 4.
    expect(iso(christmas.notices[0]?.dueAt ?? new Date(0))).toBe('2027-01-05T08:00:00.000Z');
  });

  it('reads a submission late on a Saturday night in Rome as Saturday, whatever UTC says', () => {
    const fridayUtc = planSla(new Date('2026-11-27T23:30:00Z'), calendar, DEFAULT_SLA); // Sat 00:30 in Rome
    const saturday = planSla(new Date('2026-11-28T10:00:00Z'), calendar, DEFAULT_SLA);
    expect(fridayUtc.deadline).toBe(saturday.deadline);
    const friday = planSla(new Date('2026-11-27T22:30:00Z'), calendar, DEFAULT_SLA); // Fri 23:30 in Rome
    expect(friday.deadline).toBe('2026-12-14');
  });

  it('moves with the configured closed days', () => {
    const closed = parseClosedDays('12-07') as ClosedDays;
    const milan = planSla(new Date('2026-11-23T10:00:00Z'), createBusinessCalendar(closed), DEFAULT_SLA);
    expect(milan.deadline).toBe('2026-12-09');
  });

  it('follows the configured offsets and hour, once each, latest first', () => {
    const plan = planSla(new Date('2026-11-20T10:00:00Z'), calendar, { reminderOffsets: [0, 5, 0], notifyHour: 14 });
    expect(plan.notices.map((n) => [n.businessDaysLeft, iso(n.dueAt)])).toEqual([
      [5, '2026-11-27T13:00:00.000Z'],
      [0, '2026-12-04T13:00:00.000Z'],
      [-1, '2026-12-07T13:00:00.000Z'],
    ]);
  });

  it('puts the earliest possible reminder (9 business days left) on the morning after the submission', () => {
    const plan = planSla(new Date('2026-11-20T10:00:00Z'), calendar, { reminderOffsets: [9], notifyHour: 9 });
    expect(iso(plan.notices[0]?.dueAt ?? new Date(0))).toBe('2026-11-23T08:00:00.000Z');
  });
});
