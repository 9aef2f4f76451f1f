import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // The reviewer's modal view id: a question sent twice (a replay, a double submit) is asked once.
  await db.schema
    .alterTable('claim_questions')
    .addColumn('source_view_id', 'text', (c) => c.unique())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim_questions').dropColumn('source_view_id').execute();
}
