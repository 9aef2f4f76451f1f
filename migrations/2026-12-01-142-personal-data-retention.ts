import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // When a claim's or a charge's client data were replaced by a marker (retention or erasure).
  await sql`ALTER TABLE claims ADD COLUMN redacted_at timestamptz`.execute(db);
  await sql`ALTER TABLE charges ADD COLUMN redacted_at timestamptz`.execute(db);
  await sql`CREATE INDEX claims_decided_not_redacted ON claims (decided_at) WHERE redacted_at IS NULL`.execute(db);
  await sql`CREATE INDEX charges_charged_not_redacted ON charges (charged_at) WHERE redacted_at IS NULL`.execute(db);
  // A job due once a day (or once a week) runs once across instances: the first to insert its run wins.
  await sql`CREATE TABLE ops_job_runs (job text NOT NULL, run_key text NOT NULL, ran_at timestamptz NOT NULL, PRIMARY KEY (job, run_key))`.execute(
    db,
  );
  // The audit stays append-only, except for the redaction path: it sets rimborso.redaction in its own
  // transaction and may then rewrite an event's details (never its claim, kind or time); nothing deletes.
  await sql`CREATE OR REPLACE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND current_setting('rimborso.redaction', true) = 'on'
         AND NEW.id = OLD.id AND NEW.claim_id = OLD.claim_id AND NEW.kind = OLD.kind AND NEW.at = OLD.at THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'claim_events is append-only';
    END $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE OR REPLACE FUNCTION claim_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'claim_events is append-only'; END $$`.execute(db);
  await sql`DROP TABLE ops_job_runs`.execute(db);
  await sql`ALTER TABLE charges DROP COLUMN redacted_at`.execute(db);
  await sql`ALTER TABLE claims DROP COLUMN redacted_at`.execute(db);
}
