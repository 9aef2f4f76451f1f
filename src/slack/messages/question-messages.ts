/**
 * Message builder (pure): a reviewer's question as a DM to the professional (with the "answer" button), and
 * the question and the answer as posts in the claim's thread. Sent through the outbox's delivery.
 */
import type { KnownBlock } from '@slack/types';
import type { Claim } from '../../domain/claim.ts';
import type { Question } from '../../domain/question.ts';
import { formatDueDate } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import {
  BLOCK_KIT_LIMITS,
  escapeAndTruncate,
  mrkdwn,
  plainText,
  quoteMrkdwn,
  splitMrkdwn,
  type SlackMessage,
} from './slack-text.ts';

export const ANSWER_QUESTION_ACTION_ID = 'claim_answer_question';

/**
 * The reviewer's question, by DM to the professional, with the button that opens the answer modal.
 * The whole question, however it is written: quoted and escaped, then split over as many sections as
 * Slack's 3,000 characters a section need (never cut before escaping, which made it grow past them).
 */
export function buildQuestionDm(claim: Claim, question: Question, locale: Locale): SlackMessage {
  const text = t(locale, 'question.dm', {
    reference: claim.reference,
    question: quoteMrkdwn(question.question),
    deadline: claim.reviewDeadlineOn ? formatDueDate(claim.reviewDeadlineOn, locale) : '—',
  });
  return {
    text,
    blocks: [
      ...splitMrkdwn(text, BLOCK_KIT_LIMITS.sectionText).map((piece): KnownBlock => ({
        type: 'section',
        text: mrkdwn(piece),
      })),
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
    text: t(locale, 'question.thread', {
      user: question.askedBy,
      professional: claim.professionalId,
      question: escapeAndTruncate(question.question, 2500),
    }),
  };
}

/** The professional's answer in the claim's thread. */
export function buildAnswerThreadPost(claim: Claim, question: Question, locale: Locale): { text: string } {
  return {
    text: t(locale, 'answer.thread', {
      professional: claim.professionalId,
      answer: escapeAndTruncate(question.answer ?? '', 3500),
    }),
  };
}
