import { format } from 'date-fns';
import { enGB, it as itLocale } from 'date-fns/locale';
import type { IsoDate } from '../domain/claim.ts';
import { POLICY_TIME_ZONE } from '../domain/rome-calendar.ts';
import type { Locale } from './messages.ts';

const dateFnsLocales = { it: itLocale, en: enGB } as const;

/** "8 dicembre 2026" / "8 December 2026": the bare date, for a label's value or a list. */
export function formatDate(date: IsoDate, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d), 'd MMMM yyyy', { locale: dateFnsLocales[locale] });
}

const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  it: new Intl.DateTimeFormat('it-IT', { timeZone: POLICY_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: POLICY_TIME_ZONE, dateStyle: 'long', timeStyle: 'short' }),
};

/** An instant as read in Rome: "24 novembre 2026 alle ore 15:04". */
export function formatDateTime(instant: Date, locale: Locale): string {
  return dateTimeFormats[locale].format(instant);
}

/**
 * The prepositions a date follows in the catalog's Italian, each with its article in full and elided:
 * a template writes `{il:when}`, `{dal:startDate}`… and `t()` puts the right form before the date.
 */
export const ITALIAN_DATE_ARTICLES = {
  il: ['il ', 'l’'],
  dal: ['dal ', 'dall’'],
  al: ['al ', 'all’'],
  del: ['del ', 'dell’'],
  nel: ['nel ', 'nell’'],
} as const;
export type ItalianDateArticle = keyof typeof ITALIAN_DATE_ARTICLES;

/**
 * A formatted Italian date ("8 dicembre 2026", "1 dicembre 2026 alle ore 9:00") after its article:
 * elided before the days read with a vowel — "l’8", "dall’11" — and the first of the month as an
 * ordinal, "il 1º dicembre". Text that does not start with a day keeps the plain article.
 */
export function withItalianArticle(article: ItalianDateArticle, formatted: string): string {
  const [full, elided] = ITALIAN_DATE_ARTICLES[article];
  const day = /^(\d{1,2})(?!\d)/.exec(formatted)?.[1];
  if (day === undefined) return `${full}${formatted}`;
  if (Number(day) === 1) return `${full}1º${formatted.slice(day.length)}`;
  return Number(day) === 8 || Number(day) === 11 ? `${elided}${formatted}` : `${full}${formatted}`;
}

/**
 * A due date after "entro" / "by": Italian needs the article, and elides it before a vowel —
 * "entro il 10 dicembre", "entro l'8 dicembre", "entro l'11 dicembre", "entro il 1º dicembre".
 */
export function formatDueDate(date: IsoDate, locale: Locale): string {
  const formatted = formatDate(date, locale);
  return locale === 'it' ? withItalianArticle('il', formatted) : formatted;
}
