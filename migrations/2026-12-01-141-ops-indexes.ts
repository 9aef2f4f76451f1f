import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // /metrics counts claims by status and failed messages by kind at every scrape; the weekly report and
  // the export read the claims submitted, and decided, in a period.
  await sql`CREATE INDEX claims_status ON claims (status)`.execute(db);
  await sql`CREATE INDEX claims_submitted_at ON claims (submitted_at)`.execute(db);
  await sql`CREATE INDEX claims_decided_at ON claims (decided_at) WHERE decided_at IS NOT NULL`.execute(db);
  await sql`CREATE INDEX outbox_failed_kind ON outbox (kind) WHERE status = 'failed'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX outbox_failed_kind`.execute(db);
  await sql`DROP INDEX claims_decided_at`.execute(db);
  await sql`DROP INDEX claims_submitted_at`.execute(db);
  await sql`DROP INDEX claims_status`.execute(db);
}
