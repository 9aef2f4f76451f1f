import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE SEQUENCE claim_reference_seq`.execute(db);

  await db.schema
    .createTable('claims')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('professional_id', 'text', (c) => c.notNull())
    // The modal's view id: a replayed or double-sent submission finds the claim it already made.
    .addColumn('source_view_id', 'text', (c) => c.notNull().unique())
    .addColumn('client_first_name', 'text', (c) => c.notNull())
    .addColumn('client_last_name', 'text', (c) => c.notNull())
    .addColumn('client_key', 'text', (c) => c.notNull())
    .addColumn('client_phone', 'text')
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('answered_on', 'date', (c) => c.notNull())
    .addColumn('received_on', 'date')
    .addColumn('credits', 'integer', (c) => c.notNull().check(sql`credits > 0`))
    .addColumn('reason', 'text', (c) =>
      c
        .notNull()
        .check(sql`reason IN ('no_grazie', 'details_changed', 'answered_twice', 'terms_violated', 'sent_by_mistake')`),
    )
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('pending_review', 'approved', 'rejected', 'ineligible')`),
    )
    .addColumn('verdict', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('review_deadline_on', 'date')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addColumn('review_channel_id', 'text')
    .addColumn('review_message_ts', 'text')
    .addCheckConstraint(
      'claims_decision_consistent',
      sql`(status IN ('approved', 'rejected')) = (decided_by IS NOT NULL AND decided_at IS NOT NULL)`,
    )
    .addCheckConstraint(
      'claims_pending_has_deadline',
      sql`status <> 'pending_review' OR review_deadline_on IS NOT NULL`,
    )
    .execute();

  // The same claim twice: one open or approved claim per professional, client and answer date.
  await sql`CREATE UNIQUE INDEX claims_one_live_per_client_answer
    ON claims (professional_id, client_key, answered_on)
    WHERE status IN ('pending_review', 'approved')`.execute(db);
  await db.schema
    .createIndex('claims_professional_submitted')
    .on('claims')
    .columns(['professional_id', 'submitted_at desc'])
    .execute();
  await sql`CREATE INDEX claims_pending_by_deadline ON claims (review_deadline_on)
    WHERE status = 'pending_review'`.execute(db);

  await db.schema
    .createTable('claim_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('claims.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('claim_events_claim').on('claim_events').columns(['claim_id', 'id']).execute();

  // Append-only: the audit is evidence, so the database itself refuses to rewrite it.
  await sql`CREATE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'claim_events is append-only'; END $$`.execute(db);
  await sql`CREATE TRIGGER claim_events_no_rewrite BEFORE UPDATE OR DELETE ON claim_events
    FOR EACH ROW EXECUTE FUNCTION claim_events_append_only()`.execute(db);

  await db.schema
    .createTable('refused_requests')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel IN ('dm', 'mention', 'channel', 'email')`))
    .addColumn('sender', 'text')
    .addColumn('slack_channel_id', 'text')
    // Events API redeliveries carry the same event id: one refusal per event.
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('refused_requests').execute();
  await db.schema.dropTable('claim_events').execute();
  await sql`DROP FUNCTION claim_events_append_only`.execute(db);
  await db.schema.dropTable('claims').execute();
  await sql`DROP SEQUENCE claim_reference_seq`.execute(db);
}
