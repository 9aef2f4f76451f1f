/**
 * Use case: the question round-trip on a pending claim — a reviewer asks the professional a question (posted
 * in the review thread and sent by DM), and only the claimant answers, once, into that thread. Called by
 * listeners/take-and-questions.ts; the claim stays pending and its deadline does not move.
 */
import type { Claim } from '../domain/claim.ts';
import { checkClaimantAction } from '../domain/claim-state.ts';
import { recordClaimEvent } from '../db/audit.repository.ts';
import { findClaimById } from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { findQuestionById, insertQuestion, recordAnswer } from '../db/question.repository.ts';
import type { Question } from '../domain/question.ts';
import { authorizeDecision, type DecisionDeps, type DeclinedAction } from './decide-claim.ts';

/**
 * "Potremmo contattare ... te per maggiori informazioni": a reviewer asks the professional a question
 * by DM; the answer lands in the claim's review thread. The claim stays pending, its deadline unmoved.
 */
export async function askForInformation(
  deps: DecisionDeps,
  command: { claimId: string; reviewerId: string; question: string; now: Date; sourceViewId: string },
): Promise<{ kind: 'asked'; claim: Claim; question: Question | undefined } | DeclinedAction> {
  const authorization = await authorizeDecision(deps, 'ask_info', {
    claimId: command.claimId,
    userId: command.reviewerId,
    now: command.now,
  });
  if (authorization.kind !== 'allowed') return authorization;
  const { claim } = authorization;
  const question = await deps.db.transaction().execute(async (trx) => {
    const asked = await insertQuestion(trx, {
      claimId: claim.id,
      askedBy: command.reviewerId,
      question: command.question,
      askedAt: command.now,
      sourceViewId: command.sourceViewId,
    });
    if (!asked) return undefined; // the same modal sent again: asked already
    await recordClaimEvent(trx, {
      claimId: claim.id,
      kind: 'info_requested',
      actor: command.reviewerId,
      at: command.now,
      details: { questionId: asked.id },
    });
    await enqueueMessages(
      trx,
      [
        { claimId: claim.id, kind: 'question_post', variant: asked.id, payload: { questionId: asked.id } },
        { claimId: claim.id, kind: 'question_dm', variant: asked.id, payload: { questionId: asked.id } },
      ],
      command.now,
    );
    return asked;
  });
  return { kind: 'asked', claim, question };
}

export type AnswerOutcome = { kind: 'answered'; claim: Claim; question: Question } | AnswerRefusal;

export type AnswerRefusal = { kind: 'not_found' } | { kind: 'not_yours' } | { kind: 'already_answered'; claim: Claim };

/**
 * Only the claimant answers, once: asked when the "Rispondi" button opens the modal and again when the
 * answer is sent (another click may have answered in between).
 */
export async function authorizeAnswer(
  deps: { db: Db },
  questionId: string,
  userId: string,
): Promise<{ kind: 'allowed'; claim: Claim; question: Question } | AnswerRefusal> {
  const question = await findQuestionById(deps.db, questionId);
  const claim = question && (await findClaimById(deps.db, question.claimId));
  if (!question || !claim) return { kind: 'not_found' };
  if (checkClaimantAction('answer_question', claim, userId)) return { kind: 'not_yours' };
  if (question.answer !== null) return { kind: 'already_answered', claim };
  return { kind: 'allowed', claim, question };
}

/** The answer is stored, audited and posted to the review thread. */
export async function answerQuestion(
  deps: { db: Db },
  command: { questionId: string; userId: string; answer: string; now: Date },
): Promise<AnswerOutcome> {
  const access = await authorizeAnswer(deps, command.questionId, command.userId);
  if (access.kind !== 'allowed') return access;
  const { claim, question: asked } = access;
  const answered = await deps.db.transaction().execute(async (trx) => {
    const stored = await recordAnswer(trx, asked.id, command.answer, command.now);
    if (!stored) return undefined;
    await recordClaimEvent(trx, {
      claimId: claim.id,
      kind: 'info_answered',
      actor: command.userId,
      at: command.now,
      details: { questionId: asked.id },
    });
    await enqueueMessages(
      trx,
      [{ claimId: claim.id, kind: 'answer_post', variant: asked.id, payload: { questionId: asked.id } }],
      command.now,
    );
    return stored;
  });
  return answered ? { kind: 'answered', claim, question: answered } : { kind: 'already_answered', claim };
}
