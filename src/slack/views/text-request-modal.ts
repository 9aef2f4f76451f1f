/**
 * Builder and parser shared by every "one text about one record" modal — reject, reverse, contest, the reviewer's
 * question and the professional's answer: each of those files is a spec handed to these two functions. The
 * record id travels in private_metadata, and callers check it again against the database on submit. Reject and
 * reverse, a reviewer's reason about a claim, share one spec factory and parser on top of them.
 */
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { t, type Locale, type MessageKey } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, mrkdwn, plainText, splitMrkdwn } from '../messages/slack-text.ts';
import { andThen, countCharacters, invalid, readText, required, valid, type InputRef } from './state-values.ts';

/**
 * The shape shared by the modals that ask one person for one piece of text about one record (the
 * reason of a rejection, a reviewer's question, the professional's answer): an intro, one multiline
 * input, and the record's id in private_metadata — checked again against the database on submit.
 */
export interface TextRequestModalSpec {
  callbackId: string;
  blockId: string;
  actionId: string;
  limits: { min: number; max: number };
  /** The private_metadata key of the record's id; never renamed, since modals stay open across deploys. */
  metadataKey: string;
  keys: { title: MessageKey; submit: MessageKey; close: MessageKey; label: MessageKey; tooShort: MessageKey };
}

export const TEXT_REQUEST_INTRO_BLOCK_ID = 'text_request_intro';

export function buildTextRequestModal(
  spec: TextRequestModalSpec,
  options: { locale: Locale; recordId: string; intro: string },
): ModalView {
  const { locale } = options;
  return {
    type: 'modal',
    callback_id: spec.callbackId,
    private_metadata: JSON.stringify({ [spec.metadataKey]: options.recordId }),
    title: plainText(t(locale, spec.keys.title), BLOCK_KIT_LIMITS.modalTitle),
    submit: plainText(t(locale, spec.keys.submit), BLOCK_KIT_LIMITS.modalTitle),
    close: plainText(t(locale, spec.keys.close), BLOCK_KIT_LIMITS.modalTitle),
    blocks: [
      // An intro quoting a long text (the reviewer's question) takes several sections, never a cut.
      ...splitMrkdwn(options.intro, BLOCK_KIT_LIMITS.sectionText).map((piece, i) => ({
        type: 'section' as const,
        block_id: i === 0 ? TEXT_REQUEST_INTRO_BLOCK_ID : `${TEXT_REQUEST_INTRO_BLOCK_ID}_${i}`,
        text: mrkdwn(piece),
      })),
      {
        type: 'input',
        block_id: spec.blockId,
        label: plainText(t(locale, spec.keys.label)),
        optional: false,
        element: {
          type: 'plain_text_input',
          action_id: spec.actionId,
          multiline: true,
          min_length: spec.limits.min,
          max_length: spec.limits.max,
        },
      },
    ],
  };
}

export type TextRequestResult =
  { ok: true; recordId: string; text: string } | { ok: false; errors: Record<string, string> };

function parseRecordId(privateMetadata: string, key: string): string | null {
  let metadata: unknown;
  try {
    metadata = JSON.parse(privateMetadata);
  } catch {
    return null; // Not JSON: reported as a generic error on the field.
  }
  const parsed = z.object({ [key]: z.uuid() }).safeParse(metadata);
  return parsed.success ? String(parsed.data[key]) : null;
}

/** The text (cleaned, within its limits) and the id of the record it is about. */
export function parseTextRequest(
  spec: TextRequestModalSpec,
  values: unknown,
  privateMetadata: string,
  locale: Locale,
): TextRequestResult {
  const recordId = parseRecordId(privateMetadata, spec.metadataKey);
  if (recordId === null) return { ok: false, errors: { [spec.blockId]: t(locale, 'error.generic') } };
  const input: InputRef = { blockId: spec.blockId, actionId: spec.actionId };
  const text = andThen(required(readText(values, input, { max: spec.limits.max, multiline: true })), (value) =>
    countCharacters(value) < spec.limits.min ? invalid(spec.keys.tooShort, { min: spec.limits.min }) : valid(value),
  );
  if (!text.ok) return { ok: false, errors: { [spec.blockId]: t(locale, text.problem.key, text.problem.params) } };
  return { ok: true, recordId, text: text.value };
}

/** Characters of a reviewer's reason for a decision on a claim (reject, reverse): the professional reads it. */
export const CLAIM_REASON_LIMITS = { min: 5, max: 1000 } as const;

/**
 * The spec of a modal where a reviewer gives the reason of a decision on a claim (reject, reverse): its texts
 * are the messages `<prefix>.title`, `.submit`, `.close`, `.reason` and `.reason_too_short`, and the claim id
 * travels in private_metadata as `claimId`.
 */
export function claimReasonSpec(
  prefix: 'reject' | 'reverse',
  ids: Pick<TextRequestModalSpec, 'callbackId' | 'blockId' | 'actionId'>,
): TextRequestModalSpec {
  return {
    ...ids,
    limits: CLAIM_REASON_LIMITS,
    metadataKey: 'claimId',
    keys: {
      title: `${prefix}.title`,
      submit: `${prefix}.submit`,
      close: `${prefix}.close`,
      label: `${prefix}.reason`,
      tooShort: `${prefix}.reason_too_short`,
    },
  };
}

export type ClaimReasonResult =
  { ok: true; claimId: string; reason: string } | { ok: false; errors: Record<string, string> };

/** The reviewer's reason (cleaned, within CLAIM_REASON_LIMITS) and the claim it is about. */
export function parseClaimReason(
  spec: TextRequestModalSpec,
  values: unknown,
  privateMetadata: string,
  locale: Locale,
): ClaimReasonResult {
  const parsed = parseTextRequest(spec, values, privateMetadata, locale);
  return parsed.ok ? { ok: true, claimId: parsed.recordId, reason: parsed.text } : parsed;
}
