/**
 * Message blocks (pure): the parts of a review message about an automatic approval: the line saying which
 * rule approved it and until when it can be undone, the "reverse refund" button while it stands, and the
 * reversal line. Used by review-message.ts; who may reverse is checked on click, not here.
 */
import type { ActionsBlock, SectionBlock } from '@slack/types';
import { reversalDeadline } from '../../domain/auto-approval.ts';
import type { Claim } from '../../domain/claim.ts';
import { isRefundStanding, isReversed } from '../../domain/claim-state.ts';
import { romeDateOf } from '../../domain/rome-calendar.ts';
import { formatDateTime, formatDueDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, escapeAndTruncate, escapeMrkdwn, mrkdwn, plainText } from './slack-text.ts';

export const REVERSE_ACTION_ID = 'claim_reverse';
export const AUTO_APPROVAL_BLOCK_ID = 'claim_auto_approval';
export const AUTO_ACTIONS_BLOCK_ID = 'claim_auto_actions';
export const REVERSAL_BLOCK_ID = 'claim_reversal';

const romeTime = new Intl.DateTimeFormat('it-IT', {
  timeZone: 'Europe/Rome',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "il 27 novembre 2026, 11:00": the last moment a reversal is accepted, as read in Rome. */
export function formatReversalDeadline(approvedAt: Date, reversalDays: number, locale: Locale): string {
  const until = reversalDeadline(approvedAt, { reversalDays });
  return `${formatDueDate(romeDateOf(until), locale)}, ${romeTime.format(until)}`;
}

/**
 * "Approvata automaticamente": which rule, when, and until when it can be undone. The evidence (the
 * charges) is among the findings above it, in the policy's own words.
 */
export function autoApprovalLine(claim: Claim, locale: Locale, reversalDays: number): SectionBlock | null {
  if (claim.autoApprovedCase === null || claim.decidedAt === null) return null;
  const params = {
    when: formatDateTime(claim.decidedAt, locale),
    credits: claim.credits,
    rule: t(locale, `auto_case.${claim.autoApprovedCase}`),
    until: formatReversalDeadline(claim.decidedAt, reversalDays, locale),
  };
  const key = isRefundStanding(claim) ? 'review.auto_approved' : 'review.auto_approved_closed';
  return { type: 'section', block_id: AUTO_APPROVAL_BLOCK_ID, text: mrkdwn(t(locale, key, params)) };
}

/** "Annulla rimborso", while the automatic approval stands; who may click, and until when, is checked on click. */
export function reverseActions(claim: Claim, locale: Locale): ActionsBlock | null {
  if (claim.autoApprovedCase === null || !isRefundStanding(claim)) return null;
  return {
    type: 'actions',
    block_id: AUTO_ACTIONS_BLOCK_ID,
    elements: [
      {
        type: 'button',
        action_id: REVERSE_ACTION_ID,
        style: 'danger',
        text: plainText(t(locale, 'review.reverse'), BLOCK_KIT_LIMITS.buttonText),
        value: claim.id,
      },
    ],
  };
}

/** Who reversed the refund, when and why (the reviewer's free text, escaped to fit). */
export function reversalLine(claim: Claim, locale: Locale): SectionBlock | null {
  if (!isReversed(claim) || claim.reversal === null) return null;
  const who = {
    user: escapeMrkdwn(claim.reversal.by),
    when: formatDateTime(claim.reversal.at, locale),
    credits: claim.credits,
  };
  const withoutReason = t(locale, 'review.reversed', { ...who, reason: '' });
  const reason = escapeAndTruncate(claim.reversal.reason, BLOCK_KIT_LIMITS.sectionText - withoutReason.length);
  return {
    type: 'section',
    block_id: REVERSAL_BLOCK_ID,
    text: mrkdwn(t(locale, 'review.reversed', { ...who, reason })),
  };
}
