import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { leaseDueMessages } from '../../src/db/outbox.repository.ts';
import type { Database } from '../../src/db/schema.ts';
import { REVIEW_CHANNEL_POSTS } from '../../src/delivery/channel-pacing.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

/**
 * The lease runs for every message delivered; with a backlog (a burst, an outage just over) its cost
 * must follow the messages it takes, not the messages waiting. Counted in rows from the plan, not
 * timed: with 5,000 waiting, it sorted and hash-joined all 5,000 for each message it took (11 ms of
 * PostgreSQL CPU) before migration 2026-12-02-181 gave it an index in its own order.
 */
let database: TestDatabase;
let logged: Kysely<Database>;
const captured: CompiledQuery[] = [];
const NOW = new Date('2026-11-20T10:00:00Z');
const WAITING = 5_000;

beforeAll(async () => {
  database = await createTestDatabase();
  logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }),
    log: (event) => void captured.push(event.query),
  });
  // 5,000 DMs due at the same instant (as a sweep, a release or an import queues them), one review post
  // in 25, each for its own claim; the first 20 already in flight.
  await sql`
    WITH c AS (
      INSERT INTO claims (reference, team_id, professional_id, source_view_id, client_first_name, client_last_name,
        client_key, service, answered_on, credits, reason, status, verdict, submitted_at, review_deadline_on)
      SELECT 'RIM-L-' || n, 'T1', 'UL' || n, 'VL' || n, 'Cliente', 'N' || n, 'cliente l' || n, 'Imbiancatura',
        '2026-11-18', 5, 'no_grazie', 'pending_review', '{"kind":"to_review","findings":[]}', ${NOW}, '2026-11-27'
      FROM generate_series(1, ${WAITING}) AS n RETURNING id, reference)
    INSERT INTO outbox (claim_id, kind, lane, dedupe_key, payload, next_attempt_at, created_at)
    SELECT id, CASE WHEN n % 25 = 0 THEN 'review_post' ELSE 'submission_dm' END,
      CASE WHEN n % 25 = 0 THEN 'review' ELSE 'dm' END, id || ':lease', '{}',
      ${NOW}, ${NOW}
    FROM (SELECT id, substring(reference FROM 7)::int AS n FROM c) c`.execute(database.db);
  await sql`UPDATE outbox SET locked_until = ${new Date(NOW.getTime() + 60_000)}, locked_by = 'other'
    WHERE id IN (SELECT id FROM outbox ORDER BY next_attempt_at, id LIMIT 20)`.execute(database.db);
  await sql`ANALYZE outbox`.execute(database.db);
});
afterAll(async () => {
  await logged?.destroy();
  await database?.destroy();
});

/** Leases as the worker does (rolled back), then reads the plan of that very statement (rolled back too). */
async function leaseAndExplain(limit: number, paced: number) {
  captured.length = 0;
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const leased = await logged
      .transaction()
      .execute(async (trx) => {
        const rows = await leaseDueMessages(trx, {
          now: NOW,
          leaseUntil: new Date(NOW.getTime() + 30_000),
          workerId: 'w1',
          limit,
          paced: { kinds: REVIEW_CHANNEL_POSTS, limit: paced },
        });
        throw new Rollback(rows);
      })
      .catch((error: unknown) => {
        if (error instanceof Rollback) return error.rows;
        throw error;
      });
    const lease = captured.find((q) => q.sql.includes('UPDATE outbox'));
    if (!lease) throw new Error('the lease statement was not captured');
    await client.query('BEGIN');
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${lease.sql}`,
      [...lease.parameters],
    );
    await client.query('ROLLBACK');
    const plan = rows[0]?.['QUERY PLAN'][0].Plan;
    if (!plan) throw new Error('no plan');
    // The most rows any step of the plan went through (a scan, a join, a sort), over all its loops.
    const mostRows = (node: PlanNode): number =>
      Math.max(node['Actual Rows'] * node['Actual Loops'], ...(node.Plans ?? []).map(mostRows));
    return { leased, mostRows: mostRows(plan) };
  } finally {
    await client.end();
  }
}

interface PlanNode {
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

class Rollback extends Error {
  constructor(readonly rows: Awaited<ReturnType<typeof leaseDueMessages>>) {
    super('rollback');
  }
}

async function claimIdOf(reference: string): Promise<string> {
  const row = await database.db
    .selectFrom('claims')
    .select('id')
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();
  return String(row.id);
}

describe('leasing with 5,000 messages waiting', () => {
  it('takes the first due message not in flight, going through a few dozen rows', async () => {
    const { leased, mostRows } = await leaseAndExplain(1, 0);
    expect(leased.map((m) => [m.kind, m.claimId])).toEqual([['submission_dm', await claimIdOf('RIM-L-21')]]);
    expect(mostRows).toBeLessThan(100);
  });

  it('finds the review channel’s next post among the DMs as cheaply', async () => {
    // The 21st to the 24th are DMs, the 25th the first review post (the 20 before are in flight).
    const { leased, mostRows } = await leaseAndExplain(5, 1);
    expect(leased.map((m) => m.kind)).toEqual([
      'submission_dm',
      'submission_dm',
      'submission_dm',
      'submission_dm',
      'review_post',
    ]);
    expect(mostRows).toBeLessThan(100);
  });
});
