import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { t, type Locale } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, escapeMrkdwn, mrkdwn, plainText } from '../messages/slack-text.ts';
import { andThen, countCharacters, invalid, readText, required, valid, type InputRef } from './state-values.ts';

export const REJECT_MODAL_CALLBACK_ID = 'claim_reject_reason';
export const REJECT_INTRO_BLOCK_ID = 'reject_intro';
export const REJECT_REASON_BLOCK_ID = 'reject_reason';
export const REJECT_REASON_ACTION_ID = 'reject_reason';

/** Characters of the reason the professional will read. */
export const REJECT_REASON_LIMITS = { min: 5, max: 1000 } as const;

const REASON_INPUT: InputRef = { blockId: REJECT_REASON_BLOCK_ID, actionId: REJECT_REASON_ACTION_ID };

export interface RejectModalOptions {
  locale: Locale;
  claimId: string;
  reference: string;
}

/** Asks the reviewer why; the claim id travels in private_metadata and is checked again on submit. */
export function buildRejectModal({ locale, claimId, reference }: RejectModalOptions): ModalView {
  return {
    type: 'modal',
    callback_id: REJECT_MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify({ claimId }),
    title: plainText(t(locale, 'reject.title'), BLOCK_KIT_LIMITS.modalTitle),
    submit: plainText(t(locale, 'reject.submit'), BLOCK_KIT_LIMITS.modalTitle),
    close: plainText(t(locale, 'reject.close'), BLOCK_KIT_LIMITS.modalTitle),
    blocks: [
      {
        type: 'section',
        block_id: REJECT_INTRO_BLOCK_ID,
        text: mrkdwn(t(locale, 'reject.intro', { reference: escapeMrkdwn(reference) })),
      },
      {
        type: 'input',
        block_id: REJECT_REASON_BLOCK_ID,
        label: plainText(t(locale, 'reject.reason')),
        optional: false,
        element: {
          type: 'plain_text_input',
          action_id: REJECT_REASON_ACTION_ID,
          multiline: true,
          min_length: REJECT_REASON_LIMITS.min,
          max_length: REJECT_REASON_LIMITS.max,
        },
      },
    ],
  };
}

export type RejectSubmissionResult =
  | { ok: true; claimId: string; reason: string }
  | { ok: false; errors: Record<string, string> };

const metadataSchema = z.object({ claimId: z.uuid() });

function parseClaimId(privateMetadata: string): string | null {
  let metadata: unknown;
  try {
    metadata = JSON.parse(privateMetadata);
  } catch {
    return null; // Not JSON: reported to the reviewer as a generic error by the caller.
  }
  const parsed = metadataSchema.safeParse(metadata);
  return parsed.success ? parsed.data.claimId : null;
}

/** The reviewer's reason (cleaned, 5–1000 characters) and the claim it is about. */
export function parseRejectSubmission(values: unknown, privateMetadata: string, locale: Locale): RejectSubmissionResult {
  const claimId = parseClaimId(privateMetadata);
  if (claimId === null) return { ok: false, errors: { [REJECT_REASON_BLOCK_ID]: t(locale, 'error.generic') } };

  const reason = andThen(
    required(readText(values, REASON_INPUT, { max: REJECT_REASON_LIMITS.max, multiline: true })),
    (text) =>
      countCharacters(text) < REJECT_REASON_LIMITS.min
        ? invalid('reject.reason_too_short', { min: REJECT_REASON_LIMITS.min })
        : valid(text),
  );
  if (!reason.ok) {
    return { ok: false, errors: { [REJECT_REASON_BLOCK_ID]: t(locale, reason.problem.key, reason.problem.params) } };
  }
  return { ok: true, claimId, reason: reason.value };
}
