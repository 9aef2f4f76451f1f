import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

/**
 * Empties every table between tests. The previous test's app may still be delivering (its worker
 * never stops between tests), so PostgreSQL can pick the TRUNCATE as a deadlock victim: try again.
 */
export async function resetDatabase(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await sql`TRUNCATE claim_evidence, outbox, claim_reminders, claim_questions, credit_entries, charges, professionals, claim_events, claims, refused_requests, email_reply_allowances, mailgun_webhook_tokens RESTART IDENTITY`.execute(db);
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
    }
  }
  await sql`ALTER SEQUENCE claim_reference_seq RESTART`.execute(db);
}

export async function claimEvents(db: Db, claimId: string) {
  return db.selectFrom('claim_events').select(['kind', 'actor', 'details']).where('claim_id', '=', claimId).orderBy('id').execute();
}

export async function onlyClaim(db: Db) {
  const rows = await db.selectFrom('claims').selectAll().execute();
  if (rows.length !== 1) throw new Error(`expected one claim, found ${rows.length}`);
  return rows[0] as (typeof rows)[number];
}
