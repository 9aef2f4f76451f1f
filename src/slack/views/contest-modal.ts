/**
 * Builder and parser: "Chiedi una verifica", the modal where a professional asks a person to look again at a
 * claim the policy refused, a spec over text-request-modal.ts; plus the short views that say the contest was
 * sent or why it cannot be. Opened and read by listeners/contest.ts.
 */
import type { ModalView } from '@slack/types';
import type { IsoDate } from '../../domain/claim.ts';
import { CONTEST_REASON_LIMITS } from '../../domain/contest.ts';
import { formatDueDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, escapeMrkdwn, mrkdwn, plainText, truncate } from '../messages/slack-text.ts';
import {
  buildTextRequestModal,
  parseTextRequest,
  type TextRequestModalSpec,
  type TextRequestResult,
} from './text-request-modal.ts';

/** "Chiedi una verifica": the professional's reason, about an ineligible claim. */
export const CONTEST_MODAL = {
  callbackId: 'claim_contest',
  blockId: 'contest_reason',
  actionId: 'contest_reason',
  limits: CONTEST_REASON_LIMITS,
  metadataKey: 'claimId',
  keys: {
    title: 'contest.title',
    submit: 'contest.submit',
    close: 'contest.close',
    label: 'contest.reason',
    tooShort: 'contest.too_short',
  },
} as const satisfies TextRequestModalSpec;

/** `why` is the rule's text (mrkdwn, already escaped). */
export function buildContestModal(options: {
  locale: Locale;
  claimId: string;
  reference: string;
  why: string;
}): ModalView {
  const intro = t(options.locale, 'contest.intro', { reference: escapeMrkdwn(options.reference), why: options.why });
  return buildTextRequestModal(CONTEST_MODAL, {
    locale: options.locale,
    recordId: options.claimId,
    intro: truncate(intro, BLOCK_KIT_LIMITS.sectionText),
  });
}

export const parseContestSubmission = (values: unknown, metadata: string, locale: Locale): TextRequestResult =>
  parseTextRequest(CONTEST_MODAL, values, metadata, locale);

/** A short view with one message: the contest was sent, or why it cannot be. */
export function buildContestNoticeView(
  locale: Locale,
  text: string,
  titleKey: 'contest.sent_title' | 'contest.title' = 'contest.title',
): ModalView {
  return {
    type: 'modal',
    title: plainText(t(locale, titleKey), BLOCK_KIT_LIMITS.modalTitle),
    close: plainText(t(locale, 'result.close'), BLOCK_KIT_LIMITS.modalTitle),
    blocks: [{ type: 'section', text: mrkdwn(truncate(text, BLOCK_KIT_LIMITS.sectionText)) }],
  };
}

export function buildContestSentView(locale: Locale, reference: string, deadlineOn: IsoDate): ModalView {
  const text = t(locale, 'contest.sent', {
    reference: escapeMrkdwn(reference),
    deadline: formatDueDate(deadlineOn, locale),
  });
  return buildContestNoticeView(locale, text, 'contest.sent_title');
}
