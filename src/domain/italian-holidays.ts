/**
 * Domain (pure): Italy's business calendar: the national holidays (Easter Monday computed, San Francesco from
 * 2026) plus the office's closed days from CLOSED_DAYS, parsed here for config.ts. `createBusinessCalendar` builds
 * the `BusinessCalendar` that deadlines, reminders and reports count with.
 */
import type { IsoDate } from './claim.ts';
import { isWeekday, type BusinessCalendar } from './business-days.ts';
import { addDays, isIsoDate } from './rome-calendar.ts';

/**
 * Days the office is closed on top of the national holidays: one-off dates (a company closure) and
 * recurring `MM-DD` days (a patron saint, e.g. `12-07` for Sant'Ambrogio in Milan).
 */
export type ClosedDays = {
  dates: ReadonlySet<IsoDate>;
  recurring: ReadonlySet<string>;
};

const NO_CLOSED_DAYS: ClosedDays = { dates: new Set(), recurring: new Set() };

/**
 * Easter has no fixed date, and Easter Monday is a national holiday, so it is computed: the anonymous
 * Gregorian algorithm (Meeus/Jones/Butcher), valid for every Gregorian year.
 */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) throw new RangeError(`unsupported year: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Italy's fixed national holidays. One falling on a weekend is not moved: Italy gives no extra day off. */
const FIXED_HOLIDAYS = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];

/**
 * San Francesco d'Assisi, 4 October: a national holiday again from 1 January 2026 (legge 8 ottobre
 * 2025 n. 151, G.U. n. 236/2025, amending art. 2 of legge 260/1949).
 */
const SAN_FRANCESCO = { monthDay: '10-04', fromYear: 2026 } as const;

/** The national holidays of `year`, sorted: the fixed ones plus Easter Monday. */
export function italianNationalHolidays(year: number): IsoDate[] {
  const easterMonday = addDays(easterSunday(year), 1);
  const fixed = year >= SAN_FRANCESCO.fromYear ? [...FIXED_HOLIDAYS, SAN_FRANCESCO.monthDay] : FIXED_HOLIDAYS;
  return [...fixed.map((monthDay) => `${year}-${monthDay}`), easterMonday].sort();
}

const ONE_OFF = /^\d{4}-\d{2}-\d{2}$/;
const RECURRING = /^\d{2}-\d{2}$/;

/**
 * Parses the closed-days setting, e.g. `"12-07, 2026-12-24"`. Blank entries (a trailing comma) are
 * ignored; anything else that is not a real date is rejected, so a typo fails loudly at startup
 * instead of leaving the office silently "open" that day. `02-29` applies in leap years only.
 */
export function parseClosedDays(spec: string): ClosedDays | { error: string } {
  const dates = new Set<IsoDate>();
  const recurring = new Set<string>();
  for (const entry of spec.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    if (ONE_OFF.test(entry) && isIsoDate(entry)) dates.add(entry);
    else if (RECURRING.test(entry) && isIsoDate(`2000-${entry}`)) recurring.add(entry);
    else return { error: `invalid closed day "${entry}": expected YYYY-MM-DD or MM-DD` };
  }
  return { dates, recurring };
}

/** Monday to Friday, minus national holidays and configured closed days. */
export function createBusinessCalendar(closed: ClosedDays = NO_CLOSED_DAYS): BusinessCalendar {
  const holidaysByYear = new Map<number, ReadonlySet<IsoDate>>();
  const holidaysOf = (year: number): ReadonlySet<IsoDate> => {
    let holidays = holidaysByYear.get(year);
    if (!holidays) {
      holidays = new Set(italianNationalHolidays(year));
      holidaysByYear.set(year, holidays);
    }
    return holidays;
  };
  return {
    isBusinessDay: (date) =>
      isWeekday(date) &&
      !holidaysOf(Number(date.slice(0, 4))).has(date) &&
      !closed.dates.has(date) &&
      !closed.recurring.has(date.slice(5)),
  };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
