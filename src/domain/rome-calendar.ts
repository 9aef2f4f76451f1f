/** Dates and instants in Europe/Rome, the calendar every deadline of the policy is counted in. Pure. */
import type { IsoDate } from './claim.ts';

/**
 * Calendar arithmetic on the policy's dates. The policy counts days as the professional lives them,
 * in Europe/Rome, so an instant is first turned into its Rome calendar date; after that, dates are
 * plain `YYYY-MM-DD` values and all arithmetic is done on UTC midnights (no DST surprises).
 */
export const POLICY_TIME_ZONE = 'Europe/Rome';

const romeDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: POLICY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Rome at `instant`. */
export function romeDateOf(instant: Date): IsoDate {
  return romeDateFormat.format(instant);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function toUtcMidnight(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMidnight(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

const romeHourFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: POLICY_TIME_ZONE,
  hour: '2-digit',
  hourCycle: 'h23',
});

/**
 * The instant at which it is `hour`:00 on `date` in Rome. Rome is UTC+1 in winter and UTC+2 in
 * summer; of the two candidates, the one that reads back as that date and hour is it. (An hour that
 * does not exist, 02:00 on the spring change, falls back to the winter offset.)
 */
export function romeInstant(date: IsoDate, hour: number): Date {
  const midnightUtc = toUtcMidnight(date);
  const candidates = [1, 2].map((offset) => new Date(midnightUtc + (hour - offset) * 3_600_000));
  const exact = candidates.find(
    (candidate) => romeDateOf(candidate) === date && Number(romeHourFormat.format(candidate)) === hour,
  );
  return exact ?? (candidates[0] as Date);
}
