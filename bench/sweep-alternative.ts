import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Db } from '../src/db/database.ts';
import { takeDueNotices } from '../src/db/reminder.repository.ts';
import type { CapturedQuery } from './plans.ts';
import { summarise } from './stats.ts';

export interface RolledBackTiming {
  count: number;
  p50: number;
  p99: number;
  rows: number;
}

class RollBack extends Error {}

/** takeDueNotices as the sweep calls it, in a transaction rolled back each time: nothing to re-arm. */
export async function timeTakeDueNotices(db: Db, now: Date, repetitions: number): Promise<RolledBackTiming> {
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < repetitions; i++) {
    await db
      .transaction()
      .execute(async (trx) => {
        const started = performance.now();
        rows = (await takeDueNotices(trx, now, 500)).length;
        samples.push(performance.now() - started);
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
  }
  return { ...summarise(samples), rows };
}

/**
 * A proposal, timed the same way, for a sweep that reads its notices with a SELECT and then updates
 * them one by one: that SELECT (as captured, FOR UPDATE … SKIP LOCKED) as a CTE, and every taken
 * notice marked enqueued by one UPDATE … FROM … RETURNING: one round trip whatever the number due.
 * Undefined when the sweep's statement is not such a SELECT (it already is one statement).
 */
export async function timeSingleStatementAlternative(
  url: string,
  select: CapturedQuery,
  repetitions: number,
): Promise<(RolledBackTiming & { sql: string }) | undefined> {
  if (!/^\s*select\b/i.test(select.sql)) return undefined;
  const sql = `WITH due AS (${select.sql})
UPDATE claim_reminders AS target SET state = 'enqueued'
FROM due
WHERE target.claim_id = due.claim_id AND target.kind = due.kind AND target.business_days_left = due.business_days_left
RETURNING due.*`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const samples: number[] = [];
  let rows = 0;
  try {
    for (let i = 0; i < repetitions; i++) {
      await client.query('BEGIN');
      const started = performance.now();
      rows = (await client.query(sql, [...select.parameters])).rowCount ?? 0;
      samples.push(performance.now() - started);
      await client.query('ROLLBACK');
    }
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
  }
  return { ...summarise(samples), rows, sql };
}
