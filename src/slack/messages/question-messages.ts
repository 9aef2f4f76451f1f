import type { KnownBlock } from '@slack/types';
import type { Claim } from '../../domain/claim.ts';
import type { Question } from '../../db/question.repository.ts';
import { formatDueDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, escapeAndTruncate, mrkdwn, plainText } from './slack-text.ts';

export const ANSWER_QUESTION_ACTION_ID = 'claim_answer_question';

/** A quote in mrkdwn: every line of the user's text stays inside the quote. */
const quote = (text: string, max: number) => escapeAndTruncate(text, max).replace(/\n/g, '\n>');

/** The reviewer's question, by DM to the professional, with the button that opens the answer modal. */
export function buildQuestionDm(claim: Claim, question: Question, locale: Locale): { text: string; blocks: KnownBlock[] } {
  const text = t(locale, 'question.dm', {
    reference: claim.reference,
    question: quote(question.question, 2500),
    deadline: claim.reviewDeadlineOn ? formatDueDate(claim.reviewDeadlineOn, locale) : '—',
  });
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(text) },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            style: 'primary',
            action_id: ANSWER_QUESTION_ACTION_ID,
            text: plainText(t(locale, 'question.answer_button'), BLOCK_KIT_LIMITS.buttonText),
            value: question.id,
          },
        ],
      },
    ],
  };
}

/** The question as the reviewers see it in the claim's thread. */
export function buildQuestionThreadPost(claim: Claim, question: Question, locale: Locale): { text: string } {
  return {
    text: t(locale, 'question.thread', { user: question.askedBy, professional: claim.professionalId, question: escapeAndTruncate(question.question, 2500) }),
  };
}

/** The professional's answer in the claim's thread. */
export function buildAnswerThreadPost(claim: Claim, question: Question, locale: Locale): { text: string } {
  return {
    text: t(locale, 'answer.thread', { professional: claim.professionalId, answer: escapeAndTruncate(question.answer ?? '', 3500) }),
  };
}
