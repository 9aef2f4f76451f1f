/**
 * Domain (pure): business-day arithmetic on Rome dates behind the "10 giorni lavorativi" promise: the review
 * deadline, business days between two dates, and the day a reminder falls on. Which days count comes from a
 * `BusinessCalendar` (italian-holidays.ts builds Italy's); weekdays only by default.
 */
import type { IsoDate } from './claim.ts';
import { addDays, daysBetween, romeDateOf, weekdayOf } from './rome-calendar.ts';

/** The policy promises an outcome "entro un massimo di 10 giorni lavorativi". */
export const REVIEW_BUSINESS_DAYS = 10;

export type IsBusinessDay = (date: IsoDate) => boolean;

/** Which days count (italian-holidays.ts builds Italy's). */
export interface BusinessCalendar {
  /** A property, not a method: callers pass it around detached, e.g. to `addBusinessDays`. */
  readonly isBusinessDay: (date: IsoDate) => boolean;
}

export const isWeekday: IsBusinessDay = (date) => {
  const day = weekdayOf(date);
  return day !== 0 && day !== 6;
};

/**
 * The date `count` business days after `start`. Counting starts the day after `start`, so a claim
 * sent on a Saturday has Monday as its first counted day.
 */
export function addBusinessDays(start: IsoDate, count: number, isBusinessDay: IsBusinessDay = isWeekday): IsoDate {
  let date = start;
  let counted = 0;
  while (counted < count) {
    date = addDays(date, 1);
    if (isBusinessDay(date)) counted += 1;
  }
  return date;
}

/**
 * How many business days d satisfy `from < d <= to` (0 when `to <= from`): the same counting as
 * `addBusinessDays`, so `businessDaysBetween(today, deadline)` is the "business days left" to show.
 */
export function businessDaysBetween(from: IsoDate, to: IsoDate, isBusinessDay: IsBusinessDay): number {
  const span = daysBetween(from, to);
  let count = 0;
  for (let offset = 1; offset <= span; offset += 1) {
    if (isBusinessDay(addDays(from, offset))) count += 1;
  }
  return count;
}

/**
 * The Rome date by whose end a claim sent at `submittedAt` must be decided. The instant becomes a Rome
 * date first: 00:30 on Saturday in Rome is already Saturday, although UTC still says Friday 23:30.
 */
export function reviewDeadline(submittedAt: Date, calendar: BusinessCalendar): IsoDate {
  return addBusinessDays(romeDateOf(submittedAt), REVIEW_BUSINESS_DAYS, calendar.isBusinessDay);
}

/**
 * The day to send the reminder that `businessDaysLeft` business days remain: the latest business day D
 * on or before `deadline` with `businessDaysBetween(D, deadline) === businessDaysLeft`. A reminder
 * always lands on a working day, never on a weekend or holiday.
 *
 * @example
 * // Deadline Monday 2026-12-07 (Sant'Ambrogio not configured):
 * reminderDate('2026-12-07', 0, calendar); // '2026-12-07', the last business day
 * reminderDate('2026-12-07', 2, calendar); // '2026-12-03', Thursday: Friday and Monday remain
 */
export function reminderDate(deadline: IsoDate, businessDaysLeft: number, calendar: BusinessCalendar): IsoDate {
  if (!Number.isInteger(businessDaysLeft) || businessDaysLeft < 0) {
    throw new RangeError(`businessDaysLeft must be a whole number >= 0, got ${businessDaysLeft}`);
  }
  let date = deadline;
  while (!calendar.isBusinessDay(date)) date = addDays(date, -1);
  for (let left = 0; left < businessDaysLeft;) {
    date = addDays(date, -1);
    if (calendar.isBusinessDay(date)) left += 1;
  }
  return date;
}
