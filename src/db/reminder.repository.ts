import type { PlannedNotice } from '../domain/sla.ts';
import type { Db } from './database.ts';

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
    .values(notices.map((n) => ({ claim_id: claimId, kind: n.kind, business_days_left: n.businessDaysLeft, due_at: n.dueAt })))
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
 * not the table) and marks them enqueued. Rows another sweep holds are skipped, not waited for, so two
 * sweeps at once split the work and each notice is taken once. Run it inside the transaction that
 * enqueues the messages.
 */
export async function takeDueNotices(trx: Db, now: Date, limit: number): Promise<DueNotice[]> {
  const due = await trx
    .selectFrom('claim_reminders as r')
    .innerJoin('claims as c', 'c.id', 'r.claim_id')
    .select(['r.claim_id', 'r.kind', 'r.business_days_left', 'c.assigned_to'])
    .where('r.state', '=', 'scheduled')
    .where('r.due_at', '<=', now)
    .orderBy('r.due_at')
    .limit(limit)
    .forUpdate('r')
    .skipLocked()
    .execute();
  for (const notice of due) {
    await trx
      .updateTable('claim_reminders')
      .set({ state: 'enqueued' })
      .where('claim_id', '=', notice.claim_id)
      .where('kind', '=', notice.kind)
      .where('business_days_left', '=', notice.business_days_left)
      .execute();
  }
  return due.map((n) => ({ claimId: n.claim_id, kind: n.kind, businessDaysLeft: n.business_days_left, assignedTo: n.assigned_to }));
}
