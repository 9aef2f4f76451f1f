import type { Claim } from '../domain/claim.ts';
import { checkClaimantAction } from '../domain/claim-state.ts';
import { recordClaimEvent } from '../db/audit.repository.ts';
import { findClaimById } from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { findQuestionById, insertQuestion, recordAnswer, type Question } from '../db/question.repository.ts';
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

export type AnswerOutcome =
  | { kind: 'answered'; claim: Claim; question: Question }
  | { kind: 'not_found' }
  | { kind: 'not_yours' }
  | { kind: 'already_answered'; claim: Claim };

/** Only the claimant answers, once; the answer is stored, audited and posted to the review thread. */
export async function answerQuestion(
  deps: { db: Db },
  command: { questionId: string; userId: string; answer: string; now: Date },
): Promise<AnswerOutcome> {
  const asked = await findQuestionById(deps.db, command.questionId);
  const claim = asked && (await findClaimById(deps.db, asked.claimId));
  if (!asked || !claim) return { kind: 'not_found' };
  if (checkClaimantAction('answer_question', claim, command.userId)) return { kind: 'not_yours' };
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
