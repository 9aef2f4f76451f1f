/**
 * Message builder (pure): the DMs sent to the professional about their claim: received or ineligible,
 * review requested, decided, reversed. Called by the outbox's delivery (src/delivery/) when it sends them.
 */
import type { Claim } from '../../domain/claim.ts';
import { canBeContested, isReversed } from '../../domain/claim-state.ts';
import { buildContestActions } from './contest-button.ts';
import { formatDueDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { escapeMrkdwn, mrkdwn, type DirectMessage } from './slack-text.ts';
import { describeIneligibility } from './verdict-text.ts';

/**
 * DMs to the professional are plain mrkdwn `text` (up to 40,000 characters), so a long rejection
 * reason needs no cutting. Every user-entered value is escaped. Refunds are in credits only: no currency.
 */

/** Sent once the claim is stored: what happens next, or why it cannot be refunded. */
export function buildSubmissionDm(claim: Claim, locale: Locale): DirectMessage {
  const reference = escapeMrkdwn(claim.reference);
  if (claim.verdict.kind === 'ineligible') {
    const text = t(locale, 'dm.ineligible', { reference, why: describeIneligibility(claim.verdict, locale) });
    if (!canBeContested(claim)) return { text };
    // A DM's section holds 3,000 characters; the rule's text is far shorter, and `text` stays whole.
    return {
      text,
      blocks: [
        { type: 'section', text: mrkdwn(text.slice(0, 3000)) },
        { type: 'context', elements: [mrkdwn(t(locale, 'contest.hint'))] },
        buildContestActions(claim.id, locale),
      ],
    };
  }
  if (claim.reviewDeadlineOn === null)
    throw new RangeError(`claim ${claim.reference} to review has no review deadline`);
  return {
    text: t(locale, 'dm.to_review', {
      reference,
      credits: claim.credits,
      client: escapeMrkdwn(`${claim.clientFirstName} ${claim.clientLastName}`),
      deadline: formatDueDate(claim.reviewDeadlineOn, locale),
    }),
  };
}

/** Sent once the professional asked for a review of an ineligible claim. */
export function buildContestDm(claim: Claim, locale: Locale): DirectMessage {
  if (claim.reviewDeadlineOn === null)
    throw new RangeError(`contested claim ${claim.reference} has no review deadline`);
  return {
    text: t(locale, 'dm.contest_received', {
      reference: escapeMrkdwn(claim.reference),
      deadline: formatDueDate(claim.reviewDeadlineOn, locale),
    }),
  };
}

/** Sent after a reviewer decided; only approved or rejected claims have an outcome to tell. */
export function buildDecisionDm(claim: Claim, locale: Locale): DirectMessage {
  const reference = escapeMrkdwn(claim.reference);
  switch (claim.status) {
    case 'approved':
      return { text: t(locale, 'dm.approved', { reference, credits: claim.credits }) };
    case 'rejected':
      return {
        text: t(locale, 'dm.rejected', {
          reference,
          reason: escapeMrkdwn(claim.decisionReason ?? t(locale, 'review.not_given')),
        }),
      };
    default:
      throw new RangeError(`claim ${claim.reference} has no decision to tell (status ${claim.status})`);
  }
}

/** Sent when a reviewer reversed an automatic approval: the credits taken back, and the reviewer's reason. */
export function buildReversalDm(claim: Claim, locale: Locale): DirectMessage {
  if (!isReversed(claim) || claim.reversal === null) throw new RangeError(`claim ${claim.reference} was not reversed`);
  return {
    text: t(locale, 'dm.reversed', {
      reference: escapeMrkdwn(claim.reference),
      credits: claim.credits,
      reason: escapeMrkdwn(claim.reversal.reason),
    }),
  };
}
