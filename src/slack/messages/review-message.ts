/**
 * Builder (pure): the review channel's message for one claim — details, the Approve / Reject / Take / Ask buttons
 * while it is pending, then who decided (or the automatic approval and its reversal). Posted and updated only
 * by the outbox (delivery/deliver-message.ts); the listeners match the buttons' action ids and read the claim
 * id back with `parseClaimIdFromAction`.
 */
import type { ActionsBlock, KnownBlock, SectionBlock } from '@slack/types';
import { z } from 'zod';
import type { Claim } from '../../domain/claim.ts';
import { isPending } from '../../domain/claim-state.ts';
import { DEFAULT_AUTO_APPROVAL } from '../../domain/auto-approval.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { buildClaimDetailBlocks, mentionUser } from './review-details.ts';
import { autoApprovalLine, reversalLine, reverseActions } from './auto-approval-blocks.ts';
import {
  BLOCK_KIT_LIMITS,
  escapeAndTruncate,
  escapeMrkdwn,
  mrkdwn,
  plainText,
  type SlackMessage,
} from './slack-text.ts';

export const APPROVE_ACTION_ID = 'claim_approve';
export const REJECT_ACTION_ID = 'claim_reject';
export const TAKE_ACTION_ID = 'claim_take';
export const ASK_INFO_ACTION_ID = 'claim_ask_info';

/** Approve asks for confirmation; Reject does not, because it opens the modal for the reason. */
function reviewActions(claim: Claim, locale: Locale): ActionsBlock {
  const confirmText = t(locale, 'review.confirm_text', { credits: claim.credits, reference: claim.reference });
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: APPROVE_ACTION_ID,
        style: 'primary',
        text: plainText(t(locale, 'review.approve'), BLOCK_KIT_LIMITS.buttonText),
        value: claim.id,
        confirm: {
          title: plainText(t(locale, 'review.confirm_title'), BLOCK_KIT_LIMITS.confirmTitle),
          text: plainText(confirmText, BLOCK_KIT_LIMITS.confirmText),
          confirm: plainText(t(locale, 'review.confirm_yes'), BLOCK_KIT_LIMITS.confirmButton),
          deny: plainText(t(locale, 'review.confirm_no'), BLOCK_KIT_LIMITS.confirmButton),
        },
      },
      {
        type: 'button',
        action_id: REJECT_ACTION_ID,
        style: 'danger',
        text: plainText(t(locale, 'review.reject'), BLOCK_KIT_LIMITS.buttonText),
        value: claim.id,
      },
      {
        type: 'button',
        action_id: TAKE_ACTION_ID,
        text: plainText(t(locale, 'review.take'), BLOCK_KIT_LIMITS.buttonText),
        value: claim.id,
      },
      {
        type: 'button',
        action_id: ASK_INFO_ACTION_ID,
        text: plainText(t(locale, 'review.ask_info'), BLOCK_KIT_LIMITS.buttonText),
        value: claim.id,
      },
    ],
  };
}

/** Who is working the claim, while it waits for a decision. */
function assigneeLine(claim: Claim, locale: Locale): SectionBlock | null {
  if (!isPending(claim) || claim.assignedTo === null) return null;
  return {
    type: 'section',
    text: mrkdwn(t(locale, 'review.assigned', { user: escapeMrkdwn(claim.assignedTo) })),
  };
}

/** Who decided and when; null while there is no decision to show. */
function decisionLine(claim: Claim, locale: Locale): SectionBlock | null {
  const { decidedBy, decidedAt } = claim;
  // The policy's own approval has its line (autoApprovalLine): there is no person to name.
  if (decidedBy === null || decidedAt === null || claim.autoApprovedCase !== null) return null;
  const who = { user: escapeMrkdwn(decidedBy), when: formatDateTime(decidedAt, locale) };
  let text: string;
  if (claim.status === 'approved') {
    text = t(locale, 'review.decided_approved', { ...who, credits: claim.credits });
  } else if (claim.status === 'rejected') {
    // The catalog wraps {user} in <@…>; the reason is the reviewer's free text, escaped to fit.
    const withoutReason = t(locale, 'review.decided_rejected', { ...who, reason: '' });
    const reason = escapeAndTruncate(
      claim.decisionReason ?? t(locale, 'review.not_given'),
      BLOCK_KIT_LIMITS.sectionText - withoutReason.length,
    );
    text = t(locale, 'review.decided_rejected', { ...who, reason });
  } else {
    return null;
  }
  return { type: 'section', text: mrkdwn(text) };
}

/**
 * The review channel's message: the buttons stay only while the claim waits for a decision. An
 * automatic approval is posted for the reviewers to audit, with "Annulla rimborso" while it stands.
 * No block ids: no listener reads them (buttons are matched by action id), and Slack asks for new ones
 * on every chat.update of a message — without them it makes its own each time.
 */
export function buildReviewMessage(
  claim: Claim,
  locale: Locale,
  options: { reversalDays?: number } = {},
): SlackMessage {
  const automatic = claim.autoApprovedCase !== null;
  const headerKey = automatic ? 'review.auto_header' : claim.contest ? 'review.header_contested' : 'review.header';
  const header = t(locale, headerKey, { reference: claim.reference });
  const blocks: KnownBlock[] = [
    { type: 'header', text: plainText(header, BLOCK_KIT_LIMITS.header) },
    ...buildClaimDetailBlocks(claim, locale),
  ];
  const assignee = assigneeLine(claim, locale);
  if (assignee) blocks.push(assignee);
  if (isPending(claim)) blocks.push(reviewActions(claim, locale));
  const lines = [
    decisionLine(claim, locale),
    autoApprovalLine(claim, locale, options.reversalDays ?? DEFAULT_AUTO_APPROVAL.reversalDays),
    reverseActions(claim, locale),
    reversalLine(claim, locale),
  ];
  for (const block of lines) if (block) blocks.push(block);
  return {
    text: t(
      locale,
      automatic ? 'review.auto_fallback' : claim.contest ? 'review.fallback_contested' : 'review.fallback',
      {
        reference: claim.reference,
        professional: mentionUser(claim.professionalId),
        credits: claim.credits,
      },
    ),
    blocks,
  };
}

const claimIdSchema = z.uuid();

/** The claim id a review button carries; null for anything else. */
export function parseClaimIdFromAction(value: unknown): string | null {
  const parsed = claimIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
