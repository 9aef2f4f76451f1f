import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // Every Slack message that follows a state change is written here in the same transaction as the
  // change, then delivered by a worker. The dedupe key makes each (claim, kind) at most one row.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('claims.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // Messages of one lane of one claim go out in order (the review post before its update and its
    // reminders); lanes and claims are independent, so one slow channel does not hold the others.
    .addColumn('lane', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status IN ('pending', 'delivered', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await sql`CREATE INDEX outbox_pending_due ON outbox (next_attempt_at) WHERE status = 'pending'`.execute(db);
  await sql`CREATE INDEX outbox_pending_lane ON outbox (claim_id, lane, id) WHERE status = 'pending'`.execute(db);

  // The SLA schedule of a claim, planned when it is submitted: each reminder and the escalation is a
  // row, so "once per claim and offset" is a row changing state, and the sweep reads only due rows.
  await db.schema
    .createTable('claim_reminders')
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('claims.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('reminder', 'escalation')`))
    .addColumn('business_days_left', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('scheduled')
        .check(sql`state IN ('scheduled', 'enqueued', 'cancelled')`),
    )
    .addPrimaryKeyConstraint('claim_reminders_pk', ['claim_id', 'kind', 'business_days_left'])
    .execute();
  await sql`CREATE INDEX claim_reminders_due ON claim_reminders (due_at) WHERE state = 'scheduled'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('claim_reminders').execute();
  await db.schema.dropTable('outbox').execute();
}
