import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';

export async function resetDatabase(db: Db): Promise<void> {
  await sql`TRUNCATE outbox, claim_reminders, claim_questions, credit_entries, charges, professionals, claim_events, claims, refused_requests RESTART IDENTITY`.execute(db);
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
