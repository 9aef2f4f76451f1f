import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

/**
 * Empties every table between tests. The previous test's app may still be delivering (its worker
 * never stops between tests), so PostgreSQL can pick the TRUNCATE as a deadlock victim: try again.
 */
export async function resetDatabase(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await sql`TRUNCATE claim_evidence, outbox, claim_reminders, claim_questions, credit_entries, charges, professionals, claim_events, claims, refused_requests, email_reply_allowances, mailgun_webhook_tokens RESTART IDENTITY`.execute(
        db,
      );
      await sql`ALTER SEQUENCE claim_reference_seq RESTART`.execute(db);
      return;
    } catch (error) {
      // Each failed try discards one dead pooled connection; a pool holds at most a dozen.
      if (!isTransient(error) || attempt >= 15) throw error;
    }
  }
}

/**
 * A deadlock with the previous test's worker, or a pooled connection that a fault-injection test
 * terminated (pg_terminate_backend) and that the pool has not noticed yet.
 */
function isTransient(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return (
    code === '40P01' ||
    code === '57P01' ||
    /Connection terminated|ECONNRESET|Client has encountered a connection error/i.test(message ?? '')
  );
}

export async function claimEvents(db: Db, claimId: string) {
  return db
    .selectFrom('claim_events')
    .select(['kind', 'actor', 'details'])
    .where('claim_id', '=', claimId)
    .orderBy('id')
    .execute();
}

export async function onlyClaim(db: Db) {
  const rows = await db.selectFrom('claims').selectAll().execute();
  if (rows.length !== 1) throw new Error(`expected one claim, found ${rows.length}`);
  return rows[0] as (typeof rows)[number];
}
