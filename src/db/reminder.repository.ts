/**
 * Repository: the SQL of `claim_reminders`, the SLA reminders and escalations planned for a pending claim: scheduled
 * when it enters review, cancelled when it is decided, and taken when due by the SLA sweep (SKIP LOCKED, so
 * concurrent sweeps take each notice once).
 */
import { sql } from 'kysely';
import type { PlannedNotice } from '../domain/sla.ts';
import type { Db, Trx } from './database.ts';

export interface DueNotice {
  claimId: string;
  kind: 'reminder' | 'escalation';
  businessDaysLeft: number;
  /** The reviewer who has taken the claim, who is also reminded by DM. */
  assignedTo: string | null;
}

export async function scheduleNotices(trx: Db, claimId: string, notices: readonly PlannedNotice[]): Promise<void> {
  if (notices.length === 0) return;
  await trx
    .insertInto('claim_reminders')
    .values(
      notices.map((n) => ({
        claim_id: claimId,
        kind: n.kind,
        business_days_left: n.businessDaysLeft,
        due_at: n.dueAt,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A decided claim is reminded of nothing more. */
export async function cancelNotices(trx: Db, claimId: string): Promise<void> {
  await trx
    .updateTable('claim_reminders')
    .set({ state: 'cancelled' })
    .where('claim_id', '=', claimId)
    .where('state', '=', 'scheduled')
    .execute();
}

/**
 * Takes the notices due at `now` (through the partial index on due_at: the cost follows the due rows,
 * not the table) and marks them enqueued, in one statement. Rows another sweep holds are skipped, not
 * waited for, so two sweeps at once split the work and each notice is taken once. Run it inside the
 * transaction that enqueues the messages.
 */
export async function takeDueNotices(trx: Trx, now: Date, limit: number): Promise<DueNotice[]> {
  const { rows } = await sql<{
    claim_id: string;
    kind: 'reminder' | 'escalation';
    business_days_left: number;
    assigned_to: string | null;
  }>`
    WITH due AS (
      SELECT r.claim_id, r.kind, r.business_days_left
      FROM claim_reminders r
      WHERE r.state = 'scheduled' AND r.due_at <= ${now}
      ORDER BY r.due_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE claim_reminders r SET state = 'enqueued'
    FROM due JOIN claims c ON c.id = due.claim_id
    WHERE r.claim_id = due.claim_id AND r.kind = due.kind AND r.business_days_left = due.business_days_left
    RETURNING r.claim_id, r.kind, r.business_days_left, c.assigned_to`.execute(trx);
  return rows.map((n) => ({
    claimId: n.claim_id,
    kind: n.kind,
    businessDaysLeft: n.business_days_left,
    assignedTo: n.assigned_to,
  }));
}
