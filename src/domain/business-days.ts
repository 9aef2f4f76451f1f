import type { IsoDate } from './claim.ts';
import { addDays, weekdayOf } from './rome-calendar.ts';

/** The policy promises an outcome "entro un massimo di 10 giorni lavorativi". */
export const REVIEW_BUSINESS_DAYS = 10;

export type IsBusinessDay = (date: IsoDate) => boolean;

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
