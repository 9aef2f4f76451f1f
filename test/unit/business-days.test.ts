import { describe, it, expect } from 'vitest';
import { addBusinessDays, isWeekday, REVIEW_BUSINESS_DAYS } from '../../src/domain/business-days.ts';

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
