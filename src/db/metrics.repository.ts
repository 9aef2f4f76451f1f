/**
 * Repository: the SQL behind /metrics: claim counts by status, pending and overdue claims, decisions by Rome dates,
 * and pending and failed outbox messages. Read from the database at each scrape, so every instance answers the same.
 */
import { sql } from 'kysely';
import type { IsoDate } from '../domain/claim.ts';
import { PENDING_REVIEW } from '../domain/claim-state.ts';
import type { Db } from './database.ts';

/** What /metrics reads at each scrape: the database's truth, the same whichever instance answers. */
export async function countClaimsByStatus(db: Db): Promise<{ status: string; count: number }[]> {
  return db
    .selectFrom('claims')
    .select(['status', sql<number>`count(*)::int`.as('count')])
    .groupBy('status')
    .execute();
}

/** Pending claims, and those of them whose deadline (a Rome date) is before `today`. */
export async function countPendingClaims(db: Db, today: IsoDate): Promise<{ pending: number; overdue: number }> {
  return db
    .selectFrom('claims')
    .select([
      sql<number>`count(*)::int`.as('pending'),
      sql<number>`(count(*) FILTER (WHERE review_deadline_on < ${today}))::int`.as('overdue'),
    ])
    .where('status', '=', PENDING_REVIEW)
    .executeTakeFirstOrThrow();
}

/**
 * Decided claims counted by (Rome date of submission, Rome date of decision): a few thousand pairs
 * however many claims, which the caller turns into business days with the calendar.
 */
export async function countDecisionsByDates(
  db: Db,
): Promise<{ submittedOn: IsoDate; decidedOn: IsoDate; count: number }[]> {
  const rows = await sql<{ submitted_on: string; decided_on: string; count: number }>`
    SELECT to_char(submitted_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM-DD') AS submitted_on,
           to_char(decided_at AT TIME ZONE 'Europe/Rome', 'YYYY-MM-DD') AS decided_on,
           count(*)::int AS count
    FROM claims WHERE decided_at IS NOT NULL
    GROUP BY 1, 2`.execute(db);
  return rows.rows.map((row) => ({ submittedOn: row.submitted_on, decidedOn: row.decided_on, count: row.count }));
}

export async function countPendingMessages(db: Db): Promise<{ kind: string; count: number; oldest: Date }[]> {
  return db
    .selectFrom('outbox')
    .select(['kind', sql<number>`count(*)::int`.as('count'), sql<Date>`min(created_at)`.as('oldest')])
    .where('status', '=', 'pending')
    .groupBy('kind')
    .execute();
}

export async function countFailedMessages(
  db: Db,
): Promise<{ kind: string; lastError: string | null; count: number }[]> {
  const rows = await db
    .selectFrom('outbox')
    .select(['kind', 'last_error', sql<number>`count(*)::int`.as('count')])
    .where('status', '=', 'failed')
    .groupBy(['kind', 'last_error'])
    .execute();
  return rows.map((row) => ({ kind: row.kind, lastError: row.last_error, count: row.count }));
}
