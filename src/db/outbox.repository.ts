import { sql } from 'kysely';
import { LANE_OF, dedupeKeyOf, type MessageKind, type OutgoingMessage } from '../delivery/message-kinds.ts';
import type { Db } from './database.ts';

export interface QueuedMessage {
  id: string;
  /** Null for a message that follows no claim. */
  claimId: string | null;
  kind: MessageKind;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
}

/** Writes messages in the caller's transaction; a message already queued (same dedupe key) is skipped. */
export async function enqueueMessages(trx: Db, messages: readonly OutgoingMessage[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(
      messages.map((m) => ({
        claim_id: m.claimId,
        kind: m.kind,
        lane: LANE_OF[m.kind],
        dedupe_key: dedupeKeyOf(m),
        payload: JSON.stringify(m.payload ?? {}),
        next_attempt_at: now,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/**
 * Leases up to `limit` due messages to `workerId` until `leaseUntil`. Only the oldest pending message
 * of each (claim, lane) is eligible, so a claim's messages keep their order (a message without a claim
 * keeps none: NULL equals nothing); SKIP LOCKED lets several workers (several instances) take different rows at once without waiting on
 * each other.
 */
export async function leaseDueMessages(
  db: Db,
  options: { now: Date; leaseUntil: Date; workerId: string; limit: number },
): Promise<QueuedMessage[]> {
  const { rows } = await sql<{
    id: string;
    claim_id: string | null;
    kind: MessageKind;
    payload: Record<string, unknown>;
    attempts: number;
    created_at: Date;
  }>`
    UPDATE outbox SET locked_until = ${options.leaseUntil}, locked_by = ${options.workerId}
    WHERE id IN (
      SELECT o.id FROM outbox o
      WHERE o.status = 'pending'
        AND o.next_attempt_at <= ${options.now}
        AND (o.locked_until IS NULL OR o.locked_until < ${options.now})
        AND NOT EXISTS (
          SELECT 1 FROM outbox earlier
          WHERE earlier.status = 'pending' AND earlier.claim_id = o.claim_id
            AND earlier.lane = o.lane AND earlier.id < o.id
        )
      ORDER BY o.next_attempt_at, o.id
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, claim_id, kind, payload, attempts, created_at`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    claimId: r.claim_id,
    kind: r.kind,
    payload: r.payload,
    attempts: r.attempts,
    createdAt: r.created_at,
  }));
}

/** Ends a message's life; only its current lease holder may, so a lease that expired mid-send is not doubled. */
export async function finishMessage(
  db: Db,
  id: string,
  workerId: string,
  outcome: { status: 'delivered' | 'failed'; error?: string; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      status: outcome.status,
      attempts: sql`attempts + 1`,
      last_error: outcome.error ?? null,
      finished_at: outcome.now,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function rescheduleMessage(db: Db, id: string, workerId: string, nextAttemptAt: Date, error: string) {
  await db
    .updateTable('outbox')
    .set({ attempts: sql`attempts + 1`, next_attempt_at: nextAttemptAt, last_error: error, locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Settles every other pending message of this kind with the same payload as already covered (a Home
 * refresh renders the current state, so one refresh answers all the earlier ones). Run it in the
 * snapshot the render read from: only messages whose changes that snapshot saw are settled.
 */
export async function settleCoveredMessages(trx: Db, message: { id: string; kind: string; payload: unknown }, now: Date): Promise<number> {
  const result = await trx
    .updateTable('outbox')
    .set({ status: 'delivered', last_error: `covered by ${message.id}`, finished_at: now, locked_until: null })
    .where('kind', '=', message.kind)
    .where('status', '=', 'pending')
    .where('id', '<>', message.id)
    .where(sql<boolean>`payload = ${JSON.stringify(message.payload)}::jsonb`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
