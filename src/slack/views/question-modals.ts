/**
 * Builder and parser: the two modals of the question round-trip — "Chiedi informazioni", where a reviewer asks
 * about a claim, and the professional's answer — both thin specs over text-request-modal.ts, plus the view shown
 * once the answer is stored. Opened and read by listeners/take-and-questions.ts.
 */
import type { ModalView } from '@slack/types';
import { t, type Locale } from '../../i18n/messages.ts';
import { escapeMrkdwn, quoteMrkdwn } from '../messages/slack-text.ts';
import {
  buildTextRequestModal,
  parseTextRequest,
  type TextRequestModalSpec,
  type TextRequestResult,
} from './text-request-modal.ts';

/** "Chiedi informazioni": the reviewer's question, about a claim. */
export const ASK_MODAL = {
  callbackId: 'claim_ask_info',
  blockId: 'ask_question',
  actionId: 'ask_question',
  limits: { min: 5, max: 1000 },
  metadataKey: 'claimId',
  keys: {
    title: 'ask.title',
    submit: 'ask.submit',
    close: 'ask.close',
    label: 'ask.question',
    tooShort: 'ask.too_short',
  },
} as const satisfies TextRequestModalSpec;

/** The professional's answer, about a question. */
export const ANSWER_MODAL = {
  callbackId: 'claim_answer_info',
  blockId: 'answer_text',
  actionId: 'answer_text',
  limits: { min: 2, max: 2000 },
  metadataKey: 'questionId',
  keys: {
    title: 'answer.title',
    submit: 'answer.submit',
    close: 'answer.close',
    label: 'answer.label',
    tooShort: 'answer.too_short',
  },
} as const satisfies TextRequestModalSpec;

export function buildAskModal(options: { locale: Locale; claimId: string; reference: string }): ModalView {
  return buildTextRequestModal(ASK_MODAL, {
    locale: options.locale,
    recordId: options.claimId,
    intro: t(options.locale, 'ask.intro', { reference: escapeMrkdwn(options.reference) }),
  });
}

export function buildAnswerModal(options: {
  locale: Locale;
  questionId: string;
  reference: string;
  question: string;
}): ModalView {
  return buildTextRequestModal(ANSWER_MODAL, {
    locale: options.locale,
    recordId: options.questionId,
    intro: t(options.locale, 'answer.intro', {
      reference: escapeMrkdwn(options.reference),
      question: quoteMrkdwn(options.question),
    }),
  });
}

export const parseAskSubmission = (values: unknown, metadata: string, locale: Locale): TextRequestResult =>
  parseTextRequest(ASK_MODAL, values, metadata, locale);

export const parseAnswerSubmission = (values: unknown, metadata: string, locale: Locale): TextRequestResult =>
  parseTextRequest(ANSWER_MODAL, values, metadata, locale);

/** After the answer is stored, the modal says so (response_action 'update'). */
export function buildAnswerSentView(locale: Locale, reference: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: t(locale, 'answer.sent_title') },
    close: { type: 'plain_text', text: t(locale, 'result.close') },
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: t(locale, 'answer.sent', { reference: escapeMrkdwn(reference) }) },
      },
    ],
  };
}
