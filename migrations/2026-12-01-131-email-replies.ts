import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // An email's attempt says which provider brought it, its Message-ID, and whether it was answered
  // (or why not). Never its subject nor its text.
  await db.schema
    .alterTable('refused_requests')
    .addColumn('provider', 'text')
    .addColumn('message_id', 'text')
    .addColumn('reply_status', 'text')
    .addColumn('reply_detail', 'text')
    .execute();
  // One reply per sender address per interval, for every instance at once: the row is the allowance.
  await db.schema
    .createTable('email_reply_allowances')
    .addColumn('sender', 'text', (c) => c.primaryKey())
    .addColumn('last_reply_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // Mailgun's signed tokens already accepted: a replayed POST is refused even within its five minutes.
  await db.schema
    .createTable('mailgun_webhook_tokens')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX mailgun_webhook_tokens_seen_at ON mailgun_webhook_tokens (seen_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mailgun_webhook_tokens').execute();
  await db.schema.dropTable('email_reply_allowances').execute();
  await db.schema
    .alterTable('refused_requests')
    .dropColumn('provider')
    .dropColumn('message_id')
    .dropColumn('reply_status')
    .dropColumn('reply_detail')
    .execute();
}
