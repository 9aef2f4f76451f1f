/**
 * Builder (pure): the policy engine's verdicts in words — why a claim is ineligible, and each finding for the
 * reviewers with its emoji — in the reader's locale, with dates formatted and string parameters escaped for
 * mrkdwn. Used by the review message, the DMs, the status lines and the claim result view.
 */
import type { Finding, Verdict } from '../../domain/claim.ts';
import { isIsoDate } from '../../domain/rome-calendar.ts';
import { formatDate } from '../../i18n/format.ts';
import { t, type Locale, type MessageKey, type MessageParams } from '../../i18n/messages.ts';
import { escapeMrkdwn } from './slack-text.ts';

export type IneligibleVerdict = Extract<Verdict, { kind: 'ineligible' }>;

const LEVEL_EMOJI: Record<Finding['level'], string> = { ok: '✅', warning: '⚠️', info: 'ℹ️' };

const MATCH_DIFFERENCES = new Set([
  'name_swapped',
  'name_initial',
  'name_differs',
  'phone_differs',
  'service_partial',
  'service_differs',
  'answer_date_off_by_one',
  'received_date_differs',
]);

/** The ledger match's small differences, stored as codes, read in the reviewer's language. */
function describeDifferences(codes: string, locale: Locale): string {
  const known = codes
    .split(',')
    .map((code) => code.trim())
    .filter((code) => MATCH_DIFFERENCES.has(code));
  return known.length === 0 ? '—' : known.map((code) => t(locale, `match.${code}` as MessageKey)).join(', ');
}

/** Dates (startDate, chargedOn…) read as dates in the locale; strings are escaped: the texts end up in mrkdwn. */
function formatParams(params: MessageParams, locale: Locale): MessageParams {
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (typeof value !== 'string') return [name, value];
      if ((name === 'startDate' || name.endsWith('On')) && isIsoDate(value)) return [name, formatDate(value, locale)];
      if (name === 'differences') return [name, describeDifferences(value, locale)];
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
