/**
 * Repository: the SQL of the `outbox`, the queue of every outgoing message (Slack posts, DMs, emails, webhooks).
 * Use cases enqueue in their own transaction; the outbox worker leases due messages (one at a time per claim and
 * lane, SKIP LOCKED across instances), then finishes, reschedules or blocks them; operators release blocked ones.
 */
import { sql, type UpdateObject } from 'kysely';
import { LANE_OF, dedupeKeyOf, type MessageKind, type OutgoingMessage } from '../domain/message-kinds.ts';
import type { Db, Trx } from './database.ts';
import type { Database } from './schema.ts';

export interface QueuedMessage {
  id: string;
  /** Null for a message that follows no claim. */
  claimId: string | null;
  kind: MessageKind;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
  /** When the first attempt started: where to look for the message in Slack. */
  firstAttemptAt: Date;
  /** The previous attempt started and never got a definite answer: it may be in Slack already. */
  outcomeUnknown: boolean;
  /** Set when the message was blocked and released: the cause it was blocked for, and when. */
  releasedFrom: { cause: string; at: Date } | null;
}

/** The row of one queued message, as enqueueMessages and a submission's one statement write it. */
export function toOutboxRow(m: OutgoingMessage, now: Date) {
  return {
    claim_id: m.claimId,
    kind: m.kind,
    lane: LANE_OF[m.kind],
    dedupe_key: dedupeKeyOf(m),
    payload: JSON.stringify(m.payload ?? {}),
    next_attempt_at: now,
    created_at: now,
  };
}

/** Writes messages in the caller's transaction; a message already queued (same dedupe key) is skipped. */
export async function enqueueMessages(trx: Db, messages: readonly OutgoingMessage[], now: Date): Promise<void> {
  if (messages.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(messages.map((m) => toOutboxRow(m, now)))
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
  options: {
    now: Date;
    leaseUntil: Date;
    workerId: string;
    limit: number;
    inFlight?: readonly string[];
    /** At most `limit` of these kinds (the posts a channel's pace allows now); the rest as usual. */
    paced?: { kinds: readonly MessageKind[]; limit: number };
  },
): Promise<QueuedMessage[]> {
  const inFlight = options.inFlight?.length ? [...options.inFlight] : ['0'];
  const pacedKinds = [...(options.paced?.kinds ?? [])];
  const pacedLimit = Math.min(options.paced?.limit ?? 0, options.limit);
  const due = sql`c.status = 'pending'
        AND c.next_attempt_at <= ${options.now}
        AND (c.locked_until IS NULL OR c.locked_until < ${options.now})
        AND c.id <> ALL(${inFlight}::bigint[])
        AND NOT EXISTS (
          SELECT 1 FROM outbox earlier
          WHERE earlier.status IN ('pending', 'blocked') AND earlier.claim_id = c.claim_id
            AND earlier.lane = c.lane AND earlier.id < c.id
        )`;
  // Leasing is the start of an attempt, recorded before Slack is called: were the instance to die
  // after Slack accepted, the next attempt knows to look for the message before posting it again.
  const { rows } = await sql<{
    id: string;
    claim_id: string | null;
    kind: MessageKind;
    payload: Record<string, unknown>;
    attempts: number;
    created_at: Date;
    first_attempt_at: Date;
    was_unknown: boolean;
    blocked_reason: string | null;
    released_at: Date | null;
  }>`
    UPDATE outbox o SET locked_until = ${options.leaseUntil}, locked_by = ${options.workerId},
      attempt_started_at = ${options.now}, first_attempt_at = COALESCE(o.first_attempt_at, ${options.now}),
      outcome_unknown = true
    FROM (
      WITH paced AS (
        SELECT c.id, c.outcome_unknown AS was_unknown, c.next_attempt_at FROM outbox c
        WHERE ${due} AND c.kind = ANY(${pacedKinds}::text[])
        ORDER BY c.next_attempt_at, c.id
        LIMIT ${pacedLimit}
        FOR UPDATE SKIP LOCKED
      ), others AS (
        SELECT c.id, c.outcome_unknown AS was_unknown, c.next_attempt_at FROM outbox c
        WHERE ${due} AND c.kind <> ALL(${pacedKinds}::text[])
        ORDER BY c.next_attempt_at, c.id
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED
      )
      SELECT id, was_unknown FROM (SELECT * FROM paced UNION ALL SELECT * FROM others) candidates
      ORDER BY next_attempt_at, id
      LIMIT ${options.limit}
    ) due
    WHERE o.id = due.id
    RETURNING o.id, o.claim_id, o.kind, o.payload, o.attempts, o.created_at, o.first_attempt_at,
      due.was_unknown, o.blocked_reason, o.released_at`.execute(db);
  return rows.map((r) => ({
    id: r.id,
    claimId: r.claim_id,
    kind: r.kind,
    payload: r.payload,
    attempts: r.attempts,
    createdAt: r.created_at,
    firstAttemptAt: r.first_attempt_at,
    outcomeUnknown: r.was_unknown,
    releasedFrom: r.released_at && r.blocked_reason ? { cause: r.blocked_reason, at: r.released_at } : null,
  }));
}

/**
 * Updates a message only while `workerId` still holds its lease (pending, locked by it); false when
 * the lease was lost, so a worker whose lease expired mid-send changes nothing.
 */
async function updateHeldMessage(
  db: Db,
  id: string,
  workerId: string,
  changes: UpdateObject<Database, 'outbox'>,
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set(changes)
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Keeps a message leased while its worker is still working on it; false when the lease was lost. */
export async function renewLease(db: Db, id: string, workerId: string, leaseUntil: Date): Promise<boolean> {
  return updateHeldMessage(db, id, workerId, { locked_until: leaseUntil });
}

/** Ends a message's life; only its current lease holder may, so a lease that expired mid-send is not doubled. */
export async function finishMessage(
  db: Db,
  id: string,
  workerId: string,
  outcome: { status: 'delivered' | 'failed'; error?: string; now: Date },
): Promise<boolean> {
  return updateHeldMessage(db, id, workerId, {
    status: outcome.status,
    attempts: sql`attempts + 1`,
    last_error: outcome.error ?? null,
    finished_at: outcome.now,
    locked_until: null,
    outcome_unknown: false,
  });
}

export async function rescheduleMessage(
  db: Db,
  id: string,
  workerId: string,
  retry: { at: Date; error: string; outcomeUnknown: boolean },
): Promise<boolean> {
  return updateHeldMessage(db, id, workerId, {
    attempts: sql`attempts + 1`,
    next_attempt_at: retry.at,
    last_error: retry.error,
    locked_until: null,
    outcome_unknown: retry.outcomeUnknown,
  });
}

/** Parks a message Slack refused for a cause a person must fix; it waits, never given up. */
export async function blockMessage(
  db: Db,
  id: string,
  workerId: string,
  block: { cause: string; now: Date; outcomeUnknown: boolean },
): Promise<boolean> {
  return updateHeldMessage(db, id, workerId, {
    status: 'blocked',
    attempts: sql`attempts + 1`,
    last_error: block.cause,
    blocked_reason: block.cause,
    blocked_at: block.now,
    locked_until: null,
    // An earlier attempt may have posted it: once released, it is looked for first.
    outcome_unknown: block.outcomeUnknown,
  });
}

export interface BlockedMessage {
  id: string;
  claimId: string | null;
  kind: MessageKind;
  cause: string;
  blockedAt: Date;
  attempts: number;
  claimReference: string | null;
}

/**
 * Makes blocked messages due again (all of them, those blocked for some causes, some ids, or the
 * oldest `limit`), oldest first; returns them for the audit. Their give-up clock starts again.
 */
export async function releaseBlockedMessages(
  trx: Trx,
  filter: { now: Date; causes?: readonly string[]; ids?: readonly string[]; limit?: number },
): Promise<Array<{ id: string; claimId: string | null; kind: MessageKind; cause: string }>> {
  let chosen = trx
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'blocked')
    .orderBy('blocked_at')
    .orderBy('id')
    .forUpdate()
    .skipLocked();
  if (filter.causes) chosen = chosen.where('blocked_reason', 'in', filter.causes.length ? [...filter.causes] : ['']);
  if (filter.ids) chosen = chosen.where('id', 'in', filter.ids.length ? [...filter.ids] : ['0']);
  if (filter.limit !== undefined) chosen = chosen.limit(filter.limit);
  const rows = await trx
    .updateTable('outbox')
    .set({
      status: 'pending',
      next_attempt_at: filter.now,
      released_at: filter.now,
      locked_until: null,
      locked_by: null,
    })
    .where('id', 'in', chosen)
    .returning(['id', 'claim_id', 'kind', 'blocked_reason'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    claimId: r.claim_id,
    kind: r.kind as MessageKind,
    cause: r.blocked_reason ?? 'unknown',
  }));
}

/** What is blocked and why, oldest first (for `npm run outbox -- list`). */
export async function listBlockedMessages(db: Db): Promise<BlockedMessage[]> {
  const rows = await db
    .selectFrom('outbox')
    .leftJoin('claims', 'claims.id', 'outbox.claim_id')
    .select([
      'outbox.id',
      'outbox.claim_id',
      'outbox.kind',
      'outbox.blocked_reason',
      'outbox.blocked_at',
      'outbox.attempts',
      'claims.reference',
    ])
    .where('outbox.status', '=', 'blocked')
    .orderBy('outbox.blocked_at')
    .orderBy('outbox.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    claimId: r.claim_id,
    kind: r.kind as MessageKind,
    cause: r.blocked_reason ?? 'unknown',
    blockedAt: r.blocked_at ?? new Date(0),
    attempts: r.attempts,
    claimReference: r.reference,
  }));
}

/** How many messages wait blocked, by cause (App Home banner, readiness). */
export async function countBlockedMessagesByCause(db: Db): Promise<Array<{ cause: string; count: number }>> {
  const rows = await db
    .selectFrom('outbox')
    .select(['blocked_reason', db.fn.countAll<string>().as('count')])
    .where('status', '=', 'blocked')
    .groupBy('blocked_reason')
    .orderBy('blocked_reason')
    .execute();
  return rows.map((r) => ({ cause: r.blocked_reason ?? 'unknown', count: Number(r.count) }));
}

/**
 * The other pending messages of this kind with the same payload, which a Home refresh rendered now
 * answers too (it shows the current state). Read it in the snapshot the render read from: only
 * messages whose changes that snapshot saw are covered. Only reads, so it never collides with a worker
 * leasing those rows meanwhile.
 */
export async function findCoveredMessages(
  trx: Trx,
  message: { id: string; kind: string; payload: unknown },
): Promise<string[]> {
  const rows = await trx
    .selectFrom('outbox')
    .select('id')
    .where('kind', '=', message.kind)
    .where('status', '=', 'pending')
    .where('id', '<>', message.id)
    .where(sql<boolean>`payload = ${JSON.stringify(message.payload)}::jsonb`)
    .execute();
  return rows.map((r) => r.id);
}

/** Settles covered messages as delivered, unless one is in flight elsewhere (it finishes on its own). */
export async function settleCoveredMessages(
  db: Db,
  ids: readonly string[],
  coveredBy: string,
  now: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('outbox')
    .set({ status: 'delivered', last_error: `covered by ${coveredBy}`, finished_at: now, locked_until: null })
    .where('id', 'in', [...ids])
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
