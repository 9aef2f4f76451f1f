/**
 * Repository: the SQL of `claim_questions`, a reviewer's request for more information on a claim and the
 * professional's answer. A question is stored once per modal view, and answered once (compare-and-set).
 */
import type { Selectable } from 'kysely';
import type { Question } from '../domain/question.ts';
import type { Db } from './database.ts';
import type { ClaimQuestionsTable } from './schema.ts';

const toQuestion = (r: Selectable<ClaimQuestionsTable>): Question => ({
  id: r.id,
  claimId: r.claim_id,
  askedBy: r.asked_by,
  question: r.question,
  askedAt: r.asked_at,
  answer: r.answer,
  answeredAt: r.answered_at,
});

/** Undefined when a question from the same modal view was already stored (a replay). */
export async function insertQuestion(
  trx: Db,
  q: { claimId: string; askedBy: string; question: string; askedAt: Date; sourceViewId: string },
): Promise<Question | undefined> {
  const row = await trx
    .insertInto('claim_questions')
    .values({
      claim_id: q.claimId,
      asked_by: q.askedBy,
      question: q.question,
      asked_at: q.askedAt,
      source_view_id: q.sourceViewId,
    })
    .onConflict((oc) => oc.column('source_view_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && toQuestion(row);
}

export async function findQuestionById(db: Db, id: string): Promise<Question | undefined> {
  const row = await db.selectFrom('claim_questions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toQuestion(row);
}

/** Compare-and-set: a question is answered once, whatever the double clicks. */
export async function recordAnswer(trx: Db, id: string, answer: string, at: Date): Promise<Question | undefined> {
  const row = await trx
    .updateTable('claim_questions')
    .set({ answer, answered_at: at })
    .where('id', '=', id)
    .where('answer', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toQuestion(row);
}
