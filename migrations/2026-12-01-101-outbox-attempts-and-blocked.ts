import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // When the first attempt started (where to look for the message in Slack after an unknown
  // outcome) and whether the last attempt's outcome is unknown (it started and never got a definite
  // answer: the instance died, the lease ran out, the call timed out).
  await db.schema
    .alterTable('outbox')
    .addColumn('first_attempt_at', 'timestamptz')
    .addColumn('attempt_started_at', 'timestamptz')
    .addColumn('outcome_unknown', 'boolean', (c) => c.notNull().defaultTo(false))
    // A message Slack refused for a cause a person must fix waits as 'blocked' with that cause; it is
    // not given up, and its give-up clock starts again when it is released.
    .addColumn('blocked_reason', 'text')
    .addColumn('blocked_at', 'timestamptz')
    .addColumn('released_at', 'timestamptz')
    .execute();
  await sql`ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_status_check`.execute(db);
  await sql`ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'delivered', 'failed', 'blocked'))`.execute(
    db,
  );
  // A blocked message still holds its lane (a review post's update and reminders wait behind it).
  await sql`CREATE INDEX outbox_open_lane ON outbox (claim_id, lane, id) WHERE status IN ('pending', 'blocked')`.execute(
    db,
  );
  await sql`CREATE INDEX outbox_blocked ON outbox (blocked_at) WHERE status = 'blocked'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX outbox_blocked`.execute(db);
  await sql`DROP INDEX outbox_open_lane`.execute(db);
  await sql`UPDATE outbox SET status = 'pending' WHERE status = 'blocked'`.execute(db);
  await sql`ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`.execute(db);
  await sql`ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'delivered', 'failed'))`.execute(
    db,
  );
  await db.schema
    .alterTable('outbox')
    .dropColumn('first_attempt_at')
    .dropColumn('attempt_started_at')
    .dropColumn('outcome_unknown')
    .dropColumn('blocked_reason')
    .dropColumn('blocked_at')
    .dropColumn('released_at')
    .execute();
}
