/**
 * Builder and parser: the modal where a reviewer gives the reason for reversing an automatic approval (5–1000
 * characters, read by the professional), a spec over text-request-modal.ts. The claim id travels in
 * private_metadata; opened and read by listeners/reverse-refund.ts.
 */
import type { ModalView } from '@slack/types';
import { t, type Locale } from '../../i18n/messages.ts';
import { escapeMrkdwn } from '../messages/slack-text.ts';
import {
  buildTextRequestModal,
  claimReasonSpec,
  parseClaimReason,
  type ClaimReasonResult,
} from './text-request-modal.ts';

export const REVERSE_MODAL_CALLBACK_ID = 'claim_reverse_reason';
export const REVERSE_REASON_BLOCK_ID = 'reverse_reason';
export const REVERSE_REASON_ACTION_ID = 'reverse_reason';

const SPEC = claimReasonSpec('reverse', {
  callbackId: REVERSE_MODAL_CALLBACK_ID,
  blockId: REVERSE_REASON_BLOCK_ID,
  actionId: REVERSE_REASON_ACTION_ID,
});

/** Characters of the reason the professional will read. */
export const REVERSE_REASON_LIMITS = SPEC.limits;

/** Asks the reviewer why the automatic refund is undone; the claim id is checked again on submit. */
export function buildReverseModal(options: {
  locale: Locale;
  claimId: string;
  reference: string;
  credits: number;
}): ModalView {
  return buildTextRequestModal(SPEC, {
    locale: options.locale,
    recordId: options.claimId,
    intro: t(options.locale, 'reverse.intro', { reference: escapeMrkdwn(options.reference), credits: options.credits }),
  });
}

export type ReverseSubmissionResult = ClaimReasonResult;

/** The reviewer's reason (cleaned, 5–1000 characters) and the claim it is about. */
export const parseReverseSubmission = (
  values: unknown,
  privateMetadata: string,
  locale: Locale,
): ReverseSubmissionResult => parseClaimReason(SPEC, values, privateMetadata, locale);
