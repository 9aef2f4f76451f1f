/**
 * Builder (pure): the answer to `/rimborso stato`, an ephemeral list of the professional's most recent claims,
 * one line each (reference, client, status in words). Its one-line title and status are reused by the
 * professional's App Home.
 */
import type { KnownBlock } from '@slack/types';
import type { Claim, IsoDate } from '../../domain/claim.ts';
import { STATUS_EMOJI } from '../../domain/claim-state.ts';
import { romeDateOf } from '../../domain/rome-calendar.ts';
import { formatDueDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { buildAskRefundActions } from './help-message.ts';
import { escapeAndTruncate, mrkdwn, type SlackMessage } from './slack-text.ts';
import { describeIneligibility } from './verdict-text.ts';

export const STATUS_HEADING_BLOCK_ID = 'refund_status_heading';
export const STATUS_MORE_BLOCK_ID = 'refund_status_more';
export const STATUS_EMPTY_BLOCK_ID = 'refund_status_empty';
export const STATUS_ACTIONS_BLOCK_ID = 'refund_status_actions';

/** An ephemeral answer, read at a glance: the most recent claims only. */
export const STATUS_MESSAGE_MAX_CLAIMS = 10;

/**
 * How much of each user-entered value a one-line summary keeps (mrkdwn characters, after escaping):
 * enough to recognise the claim, and a whole list of them still fits Slack's limits.
 */
const SUMMARY_BUDGET = { reference: 60, client: 150, decisionReason: 500 } as const;

/** `*RC-2026-0001* · Maria Bianchi`, escaped; `bold: false` for the plain fallback text. */
export function describeClaimTitle(claim: Claim, { bold = true } = {}): string {
  const reference = escapeAndTruncate(claim.reference, SUMMARY_BUDGET.reference);
  const client = escapeAndTruncate(`${claim.clientFirstName} ${claim.clientLastName}`, SUMMARY_BUDGET.client);
  return `${bold ? `*${reference}*` : reference} · ${client}`;
}

function pendingWords(claim: Claim, locale: Locale, today: IsoDate): string {
  const words = t(locale, 'claim_status.pending_review');
  const deadline = claim.reviewDeadlineOn;
  if (deadline === null) return words;
  // ISO dates compare as strings. Past the deadline the promise is no longer a date to wait for.
  const key = deadline < today ? 'claim_status.deadline_passed' : 'claim_status.deadline';
  return `${words} · ${t(locale, key, { deadline: formatDueDate(deadline, locale) })}`;
}

/**
 * The status in words for the professional (mrkdwn, one line): the deadline while pending, the outcome
 * once decided. The reviewer's reason is free text: whitespace folded, escaped and cut.
 */
export function describeClaimStatus(claim: Claim, locale: Locale, today: IsoDate): string {
  return `${STATUS_EMOJI[claim.status]} ${statusWords(claim, locale, today)}`;
}

function statusWords(claim: Claim, locale: Locale, today: IsoDate): string {
  switch (claim.status) {
    case 'pending_review':
      return pendingWords(claim, locale, today);
    case 'approved':
      return claim.credits === 1
        ? t(locale, 'claim_status.approved_one')
        : t(locale, 'claim_status.approved', { credits: claim.credits });
    case 'rejected': {
      const reason = (claim.decisionReason ?? t(locale, 'review.not_given')).replace(/\s+/g, ' ').trim();
      return t(locale, 'claim_status.rejected', { reason: escapeAndTruncate(reason, SUMMARY_BUDGET.decisionReason) });
    }
    case 'reversed': {
      const reason = (claim.reversal?.reason ?? t(locale, 'review.not_given')).replace(/\s+/g, ' ').trim();
      return t(locale, 'claim_status.reversed', { reason: escapeAndTruncate(reason, SUMMARY_BUDGET.decisionReason) });
    }
    case 'ineligible':
      return claim.verdict.kind === 'ineligible'
        ? t(locale, 'claim_status.ineligible', { why: describeIneligibility(claim.verdict, locale) })
        : t(locale, 'claim_status.ineligible_plain');
  }
}

/** "…e altre N richieste meno recenti." */
export function describeOlderClaims(count: number, locale: Locale): string {
  return count === 1 ? t(locale, 'claims.more_older_one') : t(locale, 'claims.more_older', { count });
}

export interface StatusMessageOptions {
  /** The professional's claims, newest first. */
  claims: readonly Claim[];
  locale: Locale;
  now: Date;
  /** How many claims the professional has in all, when `claims` is only the first page. */
  totalCount?: number;
}

function buildEmptyStatus(locale: Locale): SlackMessage {
  const text = t(locale, 'status_message.empty');
  return {
    text,
    blocks: [
      { type: 'section', block_id: STATUS_EMPTY_BLOCK_ID, text: mrkdwn(text) },
      buildAskRefundActions(locale, STATUS_ACTIONS_BLOCK_ID),
    ],
  };
}

/** The answer to `/rimborso stato` (ephemeral): one line per recent claim. */
export function buildStatusMessage({ claims, locale, now, totalCount }: StatusMessageOptions): SlackMessage {
  if (claims.length === 0) return buildEmptyStatus(locale);
  const today = romeDateOf(now);
  const shown = claims.slice(0, STATUS_MESSAGE_MAX_CLAIMS);
  const hidden = Math.max(totalCount ?? 0, claims.length) - shown.length;
  const heading = t(locale, 'status_message.heading');
  const more = hidden > 0 ? describeOlderClaims(hidden, locale) : null;
  const line = (claim: Claim, bold: boolean) =>
    `${describeClaimTitle(claim, { bold })} — ${describeClaimStatus(claim, locale, today)}`;

  const blocks: KnownBlock[] = [
    { type: 'section', block_id: STATUS_HEADING_BLOCK_ID, text: mrkdwn(`*${heading}*`) },
    ...shown.map((claim): KnownBlock => ({ type: 'section', text: mrkdwn(line(claim, true)) })),
  ];
  if (more !== null) blocks.push({ type: 'context', block_id: STATUS_MORE_BLOCK_ID, elements: [mrkdwn(more)] });
  const textLines = [heading, ...shown.map((claim) => line(claim, false))];
  if (more !== null) textLines.push(more);
  return { text: textLines.join('\n'), blocks };
}
