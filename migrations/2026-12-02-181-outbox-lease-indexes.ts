import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // The lease takes the first due messages in (next_attempt_at, id) order. Indexed on next_attempt_at
  // alone, PostgreSQL sorted every pending message and hash-joined them all to find the heads of their
  // lanes: with 5,000 waiting, 11 ms of PostgreSQL CPU for each message leased. In the lease's order,
  // it reads the first rows and stops; by kind, it finds the review channel's posts among the others.
  await sql`DROP INDEX outbox_pending_due`.execute(db);
  await sql`CREATE INDEX outbox_pending_due ON outbox (next_attempt_at, id) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX outbox_pending_kind_due ON outbox (kind, next_attempt_at, id) WHERE status = 'pending'`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX outbox_pending_kind_due`.execute(db);
  await sql`DROP INDEX outbox_pending_due`.execute(db);
  await sql`CREATE INDEX outbox_pending_due ON outbox (next_attempt_at) WHERE status = 'pending'`.execute(db);
}
