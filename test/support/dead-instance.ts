import { leaseDueMessages, type QueuedMessage } from '../../src/db/outbox.repository.ts';
import type { Db } from '../../src/db/database.ts';
import type { TestApp } from './test-app.ts';

const LEASE_MS = 60_000;

/**
 * An instance that leased every message due at `now` and died before recording anything: the message
 * of `kind` it held comes back once its lease expires, its outcome unknown. The test then puts into
 * Slack (or the SMTP server) what the dead instance had already sent.
 */
export async function leaseAsDeadInstance(db: Db, now: Date, kind: string): Promise<QueuedMessage> {
  const leased = await leaseDueMessages(db, {
    now,
    leaseUntil: new Date(now.getTime() + LEASE_MS),
    workerId: 'dead-instance',
    limit: 50,
  });
  const message = leased.find((m) => m.kind === kind);
  if (!message)
    throw new Error(`the dead instance leased no ${kind} (it leased ${leased.map((m) => m.kind).join(', ')})`);
  return message;
}

/** The surviving instance's worker again, with its clock past the dead instance's lease. */
export function outliveDeadLease(app: TestApp): void {
  app.application.worker.start();
  app.clock.now = new Date(app.clock.now.getTime() + LEASE_MS + 1_000);
  app.application.worker.wake();
}
