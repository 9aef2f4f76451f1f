/**
 * Builder and parser: the modal where a reviewer gives the reason for rejecting a claim (5–1000 characters, read
 * by the professional), a spec over text-request-modal.ts. The claim id travels in private_metadata; opened and
 * read by listeners/approve-and-reject.ts.
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

export const REJECT_MODAL_CALLBACK_ID = 'claim_reject_reason';
export const REJECT_REASON_BLOCK_ID = 'reject_reason';
export const REJECT_REASON_ACTION_ID = 'reject_reason';

const SPEC = claimReasonSpec('reject', {
  callbackId: REJECT_MODAL_CALLBACK_ID,
  blockId: REJECT_REASON_BLOCK_ID,
  actionId: REJECT_REASON_ACTION_ID,
});

/** Characters of the reason the professional will read. */
export const REJECT_REASON_LIMITS = SPEC.limits;

export interface RejectModalOptions {
  locale: Locale;
  claimId: string;
  reference: string;
}

/** Asks the reviewer why; the claim id travels in private_metadata and is checked again on submit. */
export function buildRejectModal({ locale, claimId, reference }: RejectModalOptions): ModalView {
  return buildTextRequestModal(SPEC, {
    locale,
    recordId: claimId,
    intro: t(locale, 'reject.intro', { reference: escapeMrkdwn(reference) }),
  });
}

export type RejectSubmissionResult = ClaimReasonResult;

/** The reviewer's reason (cleaned, 5–1000 characters) and the claim it is about. */
export const parseRejectSubmission = (
  values: unknown,
  privateMetadata: string,
  locale: Locale,
): RejectSubmissionResult => parseClaimReason(SPEC, values, privateMetadata, locale);
