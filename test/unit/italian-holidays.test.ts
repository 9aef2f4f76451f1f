import { describe, it, expect } from 'vitest';
import {
  createBusinessCalendar,
  easterSunday,
  italianNationalHolidays,
  parseClosedDays,
  type ClosedDays,
} from '../../src/domain/italian-holidays.ts';

function closedDays(spec: string): ClosedDays {
  const parsed = parseClosedDays(spec);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

describe('easterSunday', () => {
  it.each([
    { year: 2024, easter: '2024-03-31' },
    { year: 2025, easter: '2025-04-20' },
    { year: 2026, easter: '2026-04-05' },
    { year: 2027, easter: '2027-03-28' },
    // The latest possible Easter, and the earliest: the extremes of the algorithm.
    { year: 2038, easter: '2038-04-25' },
    { year: 2285, easter: '2285-03-22' },
  ])('Easter $year is on $easter', ({ year, easter }) => {
    expect(easterSunday(year)).toBe(easter);
  });

  it.each([1582, 10_000, 2026.5])('rejects %s, outside the Gregorian four-digit years', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe('italianNationalHolidays', () => {
  it('lists the fixed holidays and Easter Monday, sorted', () => {
    expect(italianNationalHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-01-06',
      '2026-04-06',
      '2026-04-25',
      '2026-05-01',
      '2026-06-02',
      '2026-08-15',
      '2026-10-04',
      '2026-11-01',
      '2026-12-08',
      '2026-12-25',
      '2026-12-26',
    ]);
  });

  it('counts San Francesco (4 October) from 2026 on, when legge 151/2025 made it a national holiday', () => {
    expect(italianNationalHolidays(2025)).not.toContain('2025-10-04');
    expect(italianNationalHolidays(2027)).toContain('2027-10-04');
  });

  it('sorts an early Easter Monday before 25 April and a late one after it', () => {
    expect(italianNationalHolidays(2285).slice(2, 4)).toEqual(['2285-03-23', '2285-04-25']);
    expect(italianNationalHolidays(2038).slice(2, 4)).toEqual(['2038-04-25', '2038-04-26']);
  });
});

describe('the national business calendar', () => {
  const calendar = createBusinessCalendar();

  // Each holiday in a year where it falls on a weekday, so only the holiday rule can close it.
  it.each([
    { date: '2026-01-01', holiday: 'Capodanno (Thu)' },
    { date: '2026-01-06', holiday: 'Epifania (Tue)' },
    { date: '2025-04-21', holiday: 'Easter Monday 2025' },
    { date: '2026-04-06', holiday: 'Easter Monday 2026' },
    { date: '2027-03-29', holiday: 'Easter Monday 2027' },
    { date: '2025-04-25', holiday: 'Liberazione (Fri)' },
    { date: '2026-05-01', holiday: 'Festa del Lavoro (Fri)' },
    { date: '2026-06-02', holiday: 'Festa della Repubblica (Tue)' },
    { date: '2027-10-04', holiday: 'San Francesco (Mon), from 2026' },
    { date: '2025-08-15', holiday: 'Ferragosto (Fri)' },
    { date: '2027-11-01', holiday: 'Ognissanti (Mon)' },
    { date: '2026-12-08', holiday: 'Immacolata (Tue)' },
    { date: '2026-12-25', holiday: 'Natale (Fri)' },
    { date: '2025-12-26', holiday: 'Santo Stefano (Fri)' },
  ])('$date, $holiday, is not a business day', ({ date }) => {
    expect(calendar.isBusinessDay(date)).toBe(false);
  });

  it.each([
    { date: '2026-04-03', why: 'Good Friday is not a holiday in Italy' },
    { date: '2026-04-07', why: 'the Tuesday after Easter Monday' },
    { date: '2026-12-24', why: 'Christmas Eve' },
    { date: '2026-12-31', why: "New Year's Eve" },
    { date: '2026-12-07', why: "Sant'Ambrogio is local, not national" },
    // Holidays on a weekend are not moved: Italy gives no substitute day off.
    { date: '2027-12-24', why: 'the Friday before Christmas on a Saturday' },
    { date: '2027-12-27', why: 'the Monday after Christmas on a Saturday and Santo Stefano on a Sunday' },
    { date: '2026-04-27', why: 'the Monday after 25 April on a Saturday' },
    { date: '2026-11-02', why: 'the Monday after 1 November on a Sunday' },
  ])('$date is a business day: $why', ({ date }) => {
    expect(calendar.isBusinessDay(date)).toBe(true);
  });

  it.each(['2026-11-28', '2026-11-29'])('%s, a weekend day, is not a business day', (date) => {
    expect(calendar.isBusinessDay(date)).toBe(false);
  });

  it('answers for one year after another (holidays are cached per year)', () => {
    const fresh = createBusinessCalendar();
    expect([
      fresh.isBusinessDay('2026-04-06'),
      fresh.isBusinessDay('2027-04-05'),
      fresh.isBusinessDay('2027-03-29'),
    ]).toEqual([false, true, false]);
  });
});

describe('a calendar with configured closed days', () => {
  const calendar = createBusinessCalendar(closedDays('12-07, 2026-12-24'));

  it.each([
    { date: '2026-12-07', open: false, why: 'the recurring day in 2026' },
    { date: '2027-12-07', open: false, why: 'the recurring day again in 2027' },
    { date: '2026-12-24', open: false, why: 'the one-off closure' },
    { date: '2027-12-24', open: true, why: 'the one-off closure does not recur' },
    { date: '2026-12-25', open: false, why: 'national holidays still apply' },
  ])('$date open: $open ($why)', ({ date, open }) => {
    expect(calendar.isBusinessDay(date)).toBe(open);
  });

  it('a recurring 29 February closes only leap years', () => {
    const leap = createBusinessCalendar(closedDays('02-29'));
    expect([leap.isBusinessDay('2028-02-29'), leap.isBusinessDay('2027-03-01')]).toEqual([false, true]);
  });
});

describe('parseClosedDays', () => {
  it.each([
    { spec: '', dates: [], recurring: [] },
    { spec: '   ', dates: [], recurring: [] },
    { spec: '12-07,2026-12-24', dates: ['2026-12-24'], recurring: ['12-07'] },
    { spec: ' 12-07 , 2026-12-24 ,06-29', dates: ['2026-12-24'], recurring: ['12-07', '06-29'] },
    { spec: '2026-08-14,2026-08-14,', dates: ['2026-08-14'], recurring: [] },
    { spec: '02-29', dates: [], recurring: ['02-29'] },
  ])('"$spec" is accepted', ({ spec, dates, recurring }) => {
    const parsed = closedDays(spec);
    expect([...parsed.dates]).toEqual(dates);
    expect([...parsed.recurring]).toEqual(recurring);
  });

  it.each([
    { spec: '2026-02-30', entry: '2026-02-30' },
    { spec: '12-07,13-01', entry: '13-01' },
    { spec: 'foo', entry: 'foo' },
    { spec: '02-30', entry: '02-30' },
    { spec: '12-7', entry: '12-7' },
    { spec: '2026-12-24; 12-07', entry: '2026-12-24; 12-07' },
    { spec: '24/12/2026', entry: '24/12/2026' },
  ])('"$spec" is rejected, naming "$entry"', ({ spec, entry }) => {
    expect(parseClosedDays(spec)).toEqual({ error: expect.stringContaining(`"${entry}"`) });
  });
});
