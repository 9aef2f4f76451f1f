import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // "Take it": the reviewer working the claim; another reviewer may take it over (both audited).
  await db.schema
    .alterTable('claims')
    .addColumn('assigned_to', 'text')
    .addColumn('assigned_at', 'timestamptz')
    .execute();

  // "Ask for information": a reviewer's question and the professional's answer. The claim stays
  // pending and its deadline does not move.
  await db.schema
    .createTable('claim_questions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('claims.id'))
    .addColumn('asked_by', 'text', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'timestamptz')
    .addCheckConstraint('claim_questions_answer_complete', sql`(answer IS NULL) = (answered_at IS NULL)`)
    .execute();
  await db.schema
    .createIndex('claim_questions_claim')
    .on('claim_questions')
    .columns(['claim_id', 'asked_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('claim_questions').execute();
  await db.schema.alterTable('claims').dropColumn('assigned_at').dropColumn('assigned_to').execute();
}
