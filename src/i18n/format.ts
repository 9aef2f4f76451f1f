/**
 * i18n: dates written for people in Italian or English, and instants as read in the policy's time zone (Rome).
 * Used by the Slack views and messages; due dates after "entro" get the right Italian article.
 */
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { it as itLocale } from 'date-fns/locale/it';
import type { IsoDate } from '../domain/claim.ts';
import { POLICY_TIME_ZONE } from '../domain/rome-calendar.ts';
import { withItalianArticle } from './italian-articles.ts';
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
 * A due date after "entro" / "by": Italian needs the article, and elides it before a vowel —
 * "entro il 10 dicembre", "entro l'8 dicembre", "entro l'11 dicembre", "entro il 1º dicembre".
 */
export function formatDueDate(date: IsoDate, locale: Locale): string {
  const formatted = formatDate(date, locale);
  return locale === 'it' ? withItalianArticle('il', formatted) : formatted;
}
