import { describe, it, expect } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  isWeekday,
  reminderDate,
  reviewDeadline,
  REVIEW_BUSINESS_DAYS,
} from '../../src/domain/business-days.ts';
import { createBusinessCalendar, parseClosedDays } from '../../src/domain/italian-holidays.ts';

const calendar = createBusinessCalendar();

describe('addBusinessDays', () => {
  it.each([
    { case: 'Monday + 10 is the Monday two weeks later', start: '2026-11-23', count: 10, result: '2026-12-07' },
    { case: 'Friday + 1 is the next Monday', start: '2026-11-27', count: 1, result: '2026-11-30' },
    { case: 'Friday + 10 is the Friday two weeks later', start: '2026-11-27', count: 10, result: '2026-12-11' },
    { case: 'Saturday + 1 is Monday, the first counted day', start: '2026-11-28', count: 1, result: '2026-11-30' },
    { case: 'Sunday + 1 is Monday, the first counted day', start: '2026-11-29', count: 1, result: '2026-11-30' },
    { case: 'Saturday + 10 is the Friday of the second week', start: '2026-11-28', count: 10, result: '2026-12-11' },
    { case: 'Sunday + 10 is the Friday of the second week', start: '2026-11-29', count: 10, result: '2026-12-11' },
    { case: 'count 0 returns the start itself', start: '2026-11-24', count: 0, result: '2026-11-24' },
    { case: 'count 0 on a Saturday returns the Saturday', start: '2026-11-28', count: 0, result: '2026-11-28' },
    { case: 'the count crosses the end of the year', start: '2026-12-28', count: 5, result: '2027-01-04' },
    { case: 'the count crosses the autumn clock change', start: '2026-10-23', count: 1, result: '2026-10-26' },
  ])('$case', ({ start, count, result }) => {
    expect(addBusinessDays(start, count)).toBe(result);
  });

  it('uses a given business-day calendar, e.g. one that skips a holiday', () => {
    const notChristmas = (date: string) => isWeekday(date) && date !== '2026-12-25';
    expect(addBusinessDays('2026-12-24', 1, notChristmas)).toBe('2026-12-28');
  });

  it('the review deadline is ten business days, as the policy promises', () => {
    expect(REVIEW_BUSINESS_DAYS).toBe(10);
  });
});

describe('businessDaysBetween', () => {
  it.each([
    { case: 'the same day counts nothing', from: '2026-11-24', to: '2026-11-24', days: 0 },
    { case: 'a later start counts nothing', from: '2026-11-25', to: '2026-11-24', days: 0 },
    { case: 'the end day counts, the start day does not', from: '2026-11-23', to: '2026-11-24', days: 1 },
    { case: 'Friday to Monday is one', from: '2026-11-27', to: '2026-11-30', days: 1 },
    { case: 'Friday to Sunday is none', from: '2026-11-27', to: '2026-11-29', days: 0 },
    { case: 'a holiday in between is skipped', from: '2026-12-07', to: '2026-12-09', days: 1 },
    { case: 'Christmas to Epiphany', from: '2026-12-22', to: '2027-01-08', days: 10 },
  ])('$case', ({ from, to, days }) => {
    expect(businessDaysBetween(from, to, calendar.isBusinessDay)).toBe(days);
  });

  it('undoes addBusinessDays from any start', () => {
    for (const start of ['2026-12-18', '2026-12-19', '2026-12-25', '2027-01-06']) {
      const deadline = addBusinessDays(start, REVIEW_BUSINESS_DAYS, calendar.isBusinessDay);
      expect(businessDaysBetween(start, deadline, calendar.isBusinessDay)).toBe(REVIEW_BUSINESS_DAYS);
    }
  });
});

describe('reviewDeadline', () => {
  it.each([
    { case: 'a Monday claim is due the Monday two weeks later', at: '2026-11-23T09:00:00Z', due: '2026-12-07' },
    // 23 Dec (1), 24 (2), 25 holiday, 26-27 weekend, 28-31 (3-6), 1 Jan holiday, 4-5 (7-8), 6 holiday, 7-8 (9-10).
    { case: 'the Christmas–New Year run skips 25 Dec, 1 Jan and 6 Jan', at: '2026-12-22T09:00:00Z', due: '2027-01-08' },
    // Counting starts Monday 30 Nov; Tuesday 8 Dec (Immacolata) is skipped.
    { case: 'Friday 23:30 in Rome counts as Friday', at: '2026-11-27T22:30:00Z', due: '2026-12-14' },
    {
      case: 'Saturday 00:30 in Rome (still Friday in UTC) counts as Saturday',
      at: '2026-11-27T23:30:00Z',
      due: '2026-12-14',
    },
    { case: 'Thursday 23:30 in Rome counts as Thursday', at: '2026-11-26T22:30:00Z', due: '2026-12-11' },
    {
      case: 'Friday 00:30 in Rome (still Thursday in UTC) counts as Friday',
      at: '2026-11-26T23:30:00Z',
      due: '2026-12-14',
    },
    { case: 'Friday 23:59 in Rome in summer time counts as Friday', at: '2026-07-31T21:59:00Z', due: '2026-08-14' },
    { case: 'Saturday 00:00 in Rome in summer time counts as Saturday', at: '2026-07-31T22:00:00Z', due: '2026-08-14' },
    // Spring-forward week (29 Mar 2026); the count also skips Easter Monday 6 Apr.
    { case: 'Friday before the clocks go forward', at: '2026-03-27T16:00:00Z', due: '2026-04-13' },
    { case: 'Sunday, after the clocks went forward', at: '2026-03-29T01:30:00Z', due: '2026-04-13' },
    { case: 'Monday after the clocks went forward', at: '2026-03-30T07:00:00Z', due: '2026-04-14' },
    // Fall-back week (25 Oct 2026); 1 Nov is a Sunday, so nothing else shifts.
    { case: 'Friday before the clocks go back', at: '2026-10-23T16:00:00Z', due: '2026-11-06' },
    { case: 'Sunday, in the repeated hour', at: '2026-10-25T00:30:00Z', due: '2026-11-06' },
    { case: 'Monday after the clocks went back', at: '2026-10-26T07:00:00Z', due: '2026-11-09' },
    { case: 'a Saturday claim counts from Monday', at: '2026-11-28T10:00:00Z', due: '2026-12-14' },
    { case: 'an Easter Monday claim counts from Tuesday', at: '2026-04-06T10:00:00Z', due: '2026-04-20' },
    { case: 'Christmas on a Saturday gives no extra day off', at: '2027-12-20T10:00:00Z', due: '2028-01-03' },
  ])('$case', ({ at, due }) => {
    expect(reviewDeadline(new Date(at), calendar)).toBe(due);
  });

  it.each([
    // Tue 8 Dec is already a holiday; closing Mon 7 Dec pushes Monday's deadline to Wednesday.
    // In 2027 the pair is Tue 7 / Wed 8 Dec: without the closure, Thursday 25 Nov would be due Fri 10 Dec.
    { case: "a recurring Sant'Ambrogio", spec: '12-07', at: '2026-11-23T09:00:00Z', due: '2026-12-09' },
    { case: "Sant'Ambrogio recurs in another year", spec: '12-07', at: '2027-11-25T09:00:00Z', due: '2027-12-13' },
    { case: 'a one-off company closure', spec: '2026-12-24', at: '2026-12-22T09:00:00Z', due: '2027-01-11' },
    { case: 'both together', spec: '12-07,2026-12-24', at: '2026-11-23T09:00:00Z', due: '2026-12-09' },
    {
      case: 'a one-off closure in another year changes nothing',
      spec: '2025-12-24',
      at: '2026-12-22T09:00:00Z',
      due: '2027-01-08',
    },
  ])('configured closed days push the deadline: $case', ({ spec, at, due }) => {
    const closed = parseClosedDays(spec);
    if ('error' in closed) throw new Error(closed.error);
    expect(reviewDeadline(new Date(at), createBusinessCalendar(closed))).toBe(due);
  });
});

describe('reminderDate', () => {
  it.each([
    { case: 'N=0 on a Monday deadline is the deadline itself', deadline: '2026-12-14', left: 0, on: '2026-12-14' },
    { case: 'N=1 on a Monday deadline is the previous Friday', deadline: '2026-12-14', left: 1, on: '2026-12-11' },
    { case: 'N=2 on a Monday deadline is the previous Thursday', deadline: '2026-12-14', left: 2, on: '2026-12-10' },
    { case: 'N=2 across Immacolata (Tue 8 Dec)', deadline: '2026-12-09', left: 2, on: '2026-12-04' },
    { case: 'N=2 across Epiphany (Wed 6 Jan)', deadline: '2027-01-07', left: 2, on: '2027-01-04' },
    { case: 'N=1 across Easter Monday', deadline: '2026-04-07', left: 1, on: '2026-04-03' },
    {
      case: 'N=9 from the Christmas-run deadline is its first counted day',
      deadline: '2027-01-08',
      left: 9,
      on: '2026-12-23',
    },
    {
      case: 'N=0 on a deadline that is not a business day is the business day before',
      deadline: '2026-12-26',
      left: 0,
      on: '2026-12-24',
    },
  ])('$case', ({ deadline, left, on }) => {
    expect(reminderDate(deadline, left, calendar)).toBe(on);
  });

  it('lands on a business day with exactly N business days left', () => {
    for (const deadline of ['2026-12-09', '2027-01-08', '2026-04-13', '2026-12-26']) {
      for (const left of [0, 1, 2, 3, 5]) {
        const on = reminderDate(deadline, left, calendar);
        expect(calendar.isBusinessDay(on)).toBe(true);
        expect(businessDaysBetween(on, deadline, calendar.isBusinessDay)).toBe(left);
      }
    }
  });

  it.each([-1, 1.5])('rejects %s business days left', (left) => {
    expect(() => reminderDate('2026-12-14', left, calendar)).toThrow(RangeError);
  });
});
