import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // An automatic approval names the case the ledger proved; a reviewer may reverse it for a while.
  await db.schema
    .alterTable('claims')
    .addColumn('auto_approved_case', 'text', (c) =>
      c.check(sql`auto_approved_case IN ('answered_twice', 'later_interaction', 'first_mistake')`),
    )
    .addColumn('reversed_by', 'text')
    .addColumn('reversed_at', 'timestamptz')
    .addColumn('reversal_reason', 'text')
    .execute();
  await sql`ALTER TABLE claims DROP CONSTRAINT claims_status_check`.execute(db);
  await sql`ALTER TABLE claims ADD CONSTRAINT claims_status_check
    CHECK (status IN ('pending_review', 'approved', 'rejected', 'ineligible', 'reversed'))`.execute(db);
  await sql`ALTER TABLE claims DROP CONSTRAINT claims_decision_consistent`.execute(db);
  await sql`ALTER TABLE claims ADD CONSTRAINT claims_decision_consistent
    CHECK ((status IN ('approved', 'rejected', 'reversed')) = (decided_by IS NOT NULL AND decided_at IS NOT NULL))`.execute(
    db,
  );
  // Only automatic approvals are reversed, and a reversal always says who, when and why.
  await sql`ALTER TABLE claims ADD CONSTRAINT claims_reversal_consistent
    CHECK ((status = 'reversed') = (reversed_by IS NOT NULL AND reversed_at IS NOT NULL AND reversal_reason IS NOT NULL)
      AND (status <> 'reversed' OR auto_approved_case IS NOT NULL))`.execute(db);
  // The guards' counts: the day's automatic credits (everyone) and a professional's last 30 days.
  await sql`CREATE INDEX claims_auto_approved_at ON claims (decided_at) WHERE auto_approved_case IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX claims_auto_approved_professional ON claims (professional_id, decided_at)
    WHERE auto_approved_case IS NOT NULL`.execute(db);

  // A reversal is a credit entry of its own, negative: the ledger of credits given back adds up.
  await db.schema
    .alterTable('credit_entries')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('refund')
        .check(sql`kind IN ('refund', 'reversal')`),
    )
    .execute();
  await sql`ALTER TABLE credit_entries DROP CONSTRAINT credit_entries_claim_id_key`.execute(db);
  await sql`ALTER TABLE credit_entries ADD CONSTRAINT credit_entries_one_per_kind UNIQUE (claim_id, kind)`.execute(db);
  await sql`ALTER TABLE credit_entries DROP CONSTRAINT credit_entries_credits_check`.execute(db);
  await sql`ALTER TABLE credit_entries ADD CONSTRAINT credit_entries_credits_sign
    CHECK (credits <> 0 AND (kind = 'refund') = (credits > 0))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM credit_entries WHERE kind = 'reversal'`.execute(db);
  await sql`ALTER TABLE credit_entries DROP CONSTRAINT credit_entries_credits_sign`.execute(db);
  await sql`ALTER TABLE credit_entries ADD CONSTRAINT credit_entries_credits_check CHECK (credits > 0)`.execute(db);
  await sql`ALTER TABLE credit_entries DROP CONSTRAINT credit_entries_one_per_kind`.execute(db);
  await sql`ALTER TABLE credit_entries ADD CONSTRAINT credit_entries_claim_id_key UNIQUE (claim_id)`.execute(db);
  await db.schema.alterTable('credit_entries').dropColumn('kind').execute();
  await sql`UPDATE claims SET status = 'approved' WHERE status = 'reversed'`.execute(db);
  await sql`DROP INDEX claims_auto_approved_professional`.execute(db);
  await sql`DROP INDEX claims_auto_approved_at`.execute(db);
  await sql`ALTER TABLE claims DROP CONSTRAINT claims_reversal_consistent`.execute(db);
  await sql`ALTER TABLE claims DROP CONSTRAINT claims_decision_consistent`.execute(db);
  await sql`ALTER TABLE claims ADD CONSTRAINT claims_decision_consistent
    CHECK ((status IN ('approved', 'rejected')) = (decided_by IS NOT NULL AND decided_at IS NOT NULL))`.execute(db);
  await sql`ALTER TABLE claims DROP CONSTRAINT claims_status_check`.execute(db);
  await sql`ALTER TABLE claims ADD CONSTRAINT claims_status_check
    CHECK (status IN ('pending_review', 'approved', 'rejected', 'ineligible'))`.execute(db);
  await db.schema
    .alterTable('claims')
    .dropColumn('auto_approved_case')
    .dropColumn('reversed_by')
    .dropColumn('reversed_at')
    .dropColumn('reversal_reason')
    .execute();
}
