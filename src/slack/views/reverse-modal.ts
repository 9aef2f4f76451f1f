/**
 * Builder and parser: the modal where a reviewer gives the reason for reversing an automatic approval (5–1000
 * characters, read by the professional), a spec over text-request-modal.ts. The claim id travels in
 * private_metadata; opened and read by listeners/reverse-refund.ts.
 */
import type { ModalView } from '@slack/types';
import { t, type Locale } from '../../i18n/messages.ts';
import { escapeMrkdwn } from '../messages/slack-text.ts';
import { buildTextRequestModal, parseTextRequest, type TextRequestModalSpec } from './text-request-modal.ts';

export const REVERSE_MODAL_CALLBACK_ID = 'claim_reverse_reason';
export const REVERSE_REASON_BLOCK_ID = 'reverse_reason';
export const REVERSE_REASON_ACTION_ID = 'reverse_reason';

/** Characters of the reason the professional will read. */
export const REVERSE_REASON_LIMITS = { min: 5, max: 1000 } as const;

const SPEC: TextRequestModalSpec = {
  callbackId: REVERSE_MODAL_CALLBACK_ID,
  blockId: REVERSE_REASON_BLOCK_ID,
  actionId: REVERSE_REASON_ACTION_ID,
  limits: REVERSE_REASON_LIMITS,
  metadataKey: 'claimId',
  keys: {
    title: 'reverse.title',
    submit: 'reverse.submit',
    close: 'reverse.close',
    label: 'reverse.reason',
    tooShort: 'reverse.reason_too_short',
  },
};

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

export type ReverseSubmissionResult =
  { ok: true; claimId: string; reason: string } | { ok: false; errors: Record<string, string> };

export function parseReverseSubmission(
  values: unknown,
  privateMetadata: string,
  locale: Locale,
): ReverseSubmissionResult {
  const parsed = parseTextRequest(SPEC, values, privateMetadata, locale);
  return parsed.ok ? { ok: true, claimId: parsed.recordId, reason: parsed.text } : parsed;
}
