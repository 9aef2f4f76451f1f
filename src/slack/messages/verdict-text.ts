import type { Finding, Verdict } from '../../domain/claim.ts';
import { isIsoDate } from '../../domain/rome-calendar.ts';
import { formatDate } from '../../i18n/format.ts';
import { t, type Locale, type MessageParams } from '../../i18n/messages.ts';
import { escapeMrkdwn } from './slack-text.ts';

export type IneligibleVerdict = Extract<Verdict, { kind: 'ineligible' }>;

const LEVEL_EMOJI: Record<Finding['level'], string> = { ok: '✅', warning: '⚠️', info: 'ℹ️' };

/** Dates read as dates in the locale; strings are escaped because the texts end up in mrkdwn. */
function formatParams(params: MessageParams, locale: Locale): MessageParams {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (typeof value !== 'string') return [name, value];
      if (name === 'startDate' && isIsoDate(value)) return [name, formatDate(value, locale)];
      return [name, escapeMrkdwn(value)];
    }),
  );
}

/** Why a claim is not refundable, as a clause that follows "cannot be refunded: " (mrkdwn). */
export function describeIneligibility(verdict: IneligibleVerdict, locale: Locale): string {
  return t(locale, `rule.${verdict.rule}`, formatParams(verdict.params, locale));
}

/** One policy check for the reviewers, prefixed by its level's emoji (mrkdwn). */
export function describeFinding(finding: Finding, locale: Locale): string {
  return `${LEVEL_EMOJI[finding.level]} ${t(locale, `finding.${finding.code}`, formatParams(finding.params, locale))}`;
}
