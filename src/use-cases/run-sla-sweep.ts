/** Use case: the SLA sweep, queueing the reminders and escalations that fell due. */
import type { Db } from '../db/database.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { takeDueNotices } from '../db/reminder.repository.ts';

/**
 * Turns the reminders and escalations that are due into outbox messages, in one transaction: a
 * restart between two sweeps loses nothing and repeats nothing, and two sweeps at once (two
 * instances) take each notice once. Notices of decided claims were cancelled with the decision, and
 * the deliverer skips any that raced with one. Returns how many messages it queued.
 */
export async function runSlaSweep(deps: { db: Db; clock: () => Date }, limit = 500): Promise<number> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const due = await takeDueNotices(trx, now, limit);
    await enqueueMessages(
      trx,
      due.flatMap((notice) => {
        const variant = notice.kind === 'reminder' ? String(notice.businessDaysLeft) : undefined;
        const payload = { businessDaysLeft: notice.businessDaysLeft };
        const thread = { claimId: notice.claimId, kind: notice.kind, variant, payload };
        // The reviewer who took the claim is also reminded in person.
        return notice.kind === 'reminder' && notice.assignedTo
          ? [thread, { claimId: notice.claimId, kind: 'assignee_reminder_dm' as const, variant, payload }]
          : [thread];
      }),
      now,
    );
    return due.length;
  });
}
