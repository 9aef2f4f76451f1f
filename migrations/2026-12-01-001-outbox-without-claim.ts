import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // Some messages follow no claim (an email's reply, the weekly report): their rows have no claim, and
  // no order to keep with other messages.
  await sql`ALTER TABLE outbox ALTER COLUMN claim_id DROP NOT NULL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM outbox WHERE claim_id IS NULL`.execute(db);
  await sql`ALTER TABLE outbox ALTER COLUMN claim_id SET NOT NULL`.execute(db);
}
