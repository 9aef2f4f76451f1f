import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // "Chiedi una verifica": once per ineligible claim, the professional's reason, and the modal's view
  // id so that the same contest sent twice (a replay, a double submit) is recorded once.
  await db.schema
    .alterTable('claims')
    .addColumn('contested_at', 'timestamptz')
    .addColumn('contest_reason', 'text')
    .addColumn('contest_source_view_id', 'text', (c) => c.unique())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('claims')
    .dropColumn('contest_source_view_id')
    .dropColumn('contest_reason')
    .dropColumn('contested_at')
    .execute();
}
