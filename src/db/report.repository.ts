/**
 * Repository: the SQL of the weekly operations report: the claims submitted or decided in the period, the credits
 * charged to their professionals, and whether the report's message was already queued.
 */
import { sql } from 'kysely';
import type { ReportClaimRow } from '../domain/ops-report.ts';
import type { Db } from './database.ts';

/** Claims submitted, or decided, in [from, to): two indexed range reads, each claim once. */
export async function findClaimsForReport(db: Db, from: Date, to: Date): Promise<ReportClaimRow[]> {
  const rows = await db
    .selectFrom('claims')
    .select(['professional_id', 'reason', 'status', 'credits', 'submitted_at', 'decided_at', 'review_deadline_on'])
    .where((eb) =>
      eb.or([
        eb.and([eb('submitted_at', '>=', from), eb('submitted_at', '<', to)]),
        eb.and([eb('decided_at', '>=', from), eb('decided_at', '<', to)]),
      ]),
    )
    .execute();
  return rows.map((row) => ({
    professionalId: row.professional_id,
    reason: row.reason,
    status: row.status,
    credits: row.credits,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    reviewDeadlineOn: row.review_deadline_on,
  }));
}

/** Credits the ledger charged each of these professionals in [from, to). */
export async function sumChargedCredits(
  db: Db,
  professionalIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, number>> {
  if (professionalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('charges')
    .select(['professional_id', sql<number>`sum(credits)::int`.as('credits')])
    .where('professional_id', 'in', [...professionalIds])
    .where('charged_at', '>=', from)
    .where('charged_at', '<', to)
    .groupBy('professional_id')
    .execute();
  return new Map(rows.map((row) => [row.professional_id, row.credits]));
}

/** True when a message with this dedupe key was ever queued (delivered, pending or given up). */
export async function isMessageQueued(db: Db, dedupeKey: string): Promise<boolean> {
  const row = await db.selectFrom('outbox').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  return row !== undefined;
}
