/**
 * Builder (pure): the view that replaces the refund modal (`response_action: 'update'`) once the claim is
 * stored — approved at once, sent for review with its deadline, or ineligible with the reason and, when it may
 * still be contested, the "Chiedi una verifica" button. Used by listeners/refund-submission.ts.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import { buildContestActions } from '../messages/contest-button.ts';
import type { IsoDate, Verdict } from '../../domain/claim.ts';
import { formatDueDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, escapeMrkdwn, mrkdwn, plainText, truncate } from '../messages/slack-text.ts';
import { describeIneligibility } from '../messages/verdict-text.ts';

export const CLAIM_RESULT_BLOCK_ID = 'claim_result';

export interface ClaimResultViewOptions {
  locale: Locale;
  reference: string;
  verdict: Verdict;
  /** The review deadline; always set for a claim to review, null for an ineligible one. */
  deadlineOn: IsoDate | null;
  /** Set when the policy approved the claim at once (AUTO_APPROVE): the credits returned. */
  approvedCredits?: number;
  /** An ineligible claim that may still be contested: the view offers "Chiedi una verifica". */
  contestableClaimId?: string | null;
}

function describeResult({ locale, reference, verdict, deadlineOn, approvedCredits }: ClaimResultViewOptions): string {
  if (approvedCredits !== undefined)
    return t(locale, 'result.approved', { reference: escapeMrkdwn(reference), credits: approvedCredits });
  if (verdict.kind === 'ineligible') {
    return t(locale, 'result.ineligible', {
      reference: escapeMrkdwn(reference),
      why: describeIneligibility(verdict, locale),
    });
  }
  if (deadlineOn === null) throw new RangeError(`claim ${reference} to review has no review deadline`);
  return t(locale, 'result.to_review', {
    reference: escapeMrkdwn(reference),
    deadline: formatDueDate(deadlineOn, locale),
  });
}

function contestBlocks({ verdict, contestableClaimId, locale }: ClaimResultViewOptions): KnownBlock[] {
  if (verdict.kind !== 'ineligible' || !contestableClaimId) return [];
  return [
    { type: 'context', elements: [mrkdwn(t(locale, 'contest.hint'))] },
    buildContestActions(contestableClaimId, locale),
  ];
}

/** What replaces the refund modal (`response_action: 'update'`) once the claim is stored. */
export function buildClaimResultView(options: ClaimResultViewOptions): ModalView {
  const { locale, verdict } = options;
  const title =
    options.approvedCredits !== undefined
      ? 'result.title_approved'
      : verdict.kind === 'to_review'
        ? 'result.title_review'
        : 'result.title_ineligible';
  return {
    type: 'modal',
    title: plainText(t(locale, title), BLOCK_KIT_LIMITS.modalTitle),
    close: plainText(t(locale, 'result.close'), BLOCK_KIT_LIMITS.modalTitle),
    blocks: [
      {
        type: 'section',
        block_id: CLAIM_RESULT_BLOCK_ID,
        text: mrkdwn(truncate(describeResult(options), BLOCK_KIT_LIMITS.sectionText)),
      },
      ...contestBlocks(options),
    ],
  };
}
