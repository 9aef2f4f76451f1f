import { describe, it, expect } from 'vitest';
import { addDays, daysBetween, isIsoDate, romeDateOf, weekdayOf } from '../../src/domain/rome-calendar.ts';

describe('romeDateOf', () => {
  it.each([
    // Winter time (CET, UTC+1): Rome's midnight is 23:00 UTC the day before.
    { instant: '2026-11-24T22:59:59Z', date: '2026-11-24' },
    { instant: '2026-11-24T23:00:00Z', date: '2026-11-25' },
    // Summer time (CEST, UTC+2): Rome's midnight is 22:00 UTC the day before.
    { instant: '2026-07-31T21:59:59Z', date: '2026-07-31' },
    { instant: '2026-07-31T22:00:00Z', date: '2026-08-01' },
    // The night clocks go forward (29 March 2026): midnight is still CET, the next one is CEST.
    { instant: '2026-03-28T22:59:59Z', date: '2026-03-28' },
    { instant: '2026-03-28T23:00:00Z', date: '2026-03-29' },
    { instant: '2026-03-29T21:59:59Z', date: '2026-03-29' },
    { instant: '2026-03-29T22:00:00Z', date: '2026-03-30' },
    // The night clocks go back (25 October 2026): midnight is still CEST, the next one is CET.
    { instant: '2026-10-24T21:59:59Z', date: '2026-10-24' },
    { instant: '2026-10-24T22:00:00Z', date: '2026-10-25' },
    { instant: '2026-10-25T22:59:59Z', date: '2026-10-25' },
    { instant: '2026-10-25T23:00:00Z', date: '2026-10-26' },
    // New Year in Rome while UTC is still in the old year.
    { instant: '2026-12-31T23:30:00Z', date: '2027-01-01' },
  ])('$instant is $date in Rome', ({ instant, date }) => {
    expect(romeDateOf(new Date(instant))).toBe(date);
  });
});

describe('daysBetween', () => {
  it.each([
    { from: '2026-11-24', to: '2026-11-24', days: 0 },
    { from: '2026-10-25', to: '2026-11-24', days: 30 },
    { from: '2026-11-24', to: '2026-10-25', days: -30 },
    // A 23-hour day (spring forward) and a 25-hour day (fall back) are still one day each.
    { from: '2026-03-28', to: '2026-03-30', days: 2 },
    { from: '2026-03-01', to: '2026-04-01', days: 31 },
    { from: '2026-10-24', to: '2026-10-26', days: 2 },
    { from: '2026-10-01', to: '2026-11-01', days: 31 },
    { from: '2026-02-28', to: '2026-03-01', days: 1 },
    { from: '2028-02-28', to: '2028-03-01', days: 2 },
    { from: '2026-12-31', to: '2027-01-01', days: 1 },
  ])('from $from to $to is $days days', ({ from, to, days }) => {
    expect(daysBetween(from, to)).toBe(days);
  });

  it('refuses a value that is not an ISO date instead of returning NaN', () => {
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    { date: '2026-03-28', days: 1, result: '2026-03-29' },
    { date: '2026-03-29', days: 1, result: '2026-03-30' },
    { date: '2026-10-25', days: 1, result: '2026-10-26' },
    { date: '2026-10-25', days: 30, result: '2026-11-24' },
    { date: '2026-12-31', days: 1, result: '2027-01-01' },
    { date: '2026-03-01', days: -1, result: '2026-02-28' },
  ])('$date plus $days days is $result', ({ date, days, result }) => {
    expect(addDays(date, days)).toBe(result);
  });
});

describe('weekdayOf', () => {
  it.each([
    { date: '2026-03-29', weekday: 0 },
    { date: '2026-11-23', weekday: 1 },
    { date: '2026-11-28', weekday: 6 },
  ])('$date is weekday $weekday', ({ date, weekday }) => {
    expect(weekdayOf(date)).toBe(weekday);
  });
});

describe('isIsoDate', () => {
  it.each(['2026-11-24', '2028-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-2-3',
    '26-02-03',
    '2026-02-03T00:00',
    ' 2026-02-03',
    '',
  ])('rejects "%s"', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});
