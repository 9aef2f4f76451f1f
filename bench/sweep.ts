import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import { runSlaSweep } from '../src/use-cases/run-sla-sweep.ts';
import type { CapturedQuery, QueryLog } from './plans.ts';
import { summarise } from './stats.ts';

/** Statements of one kind in one sweep, e.g. "update claim_reminders" sent 112 times. */
export interface StatementGroup {
  what: string;
  perSweep: number;
  /** Their round trips added up, median and 99th percentile over the sweeps. */
  p50Ms: number;
  p99Ms: number;
}

export interface SweepTiming {
  repetitions: number;
  /** Notices each sweep took (the same every time: the bench re-arms them between sweeps). */
  notices: number;
  p50: number;
  p99: number;
  statements: number;
  groups: StatementGroup[];
}

/** "update claim_reminders", "select claim_reminders", "insert outbox", "begin": a statement's verb and first table. */
export function describeStatement(text: string): string {
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? '?';
  const table = /\b(?:from|into|update)\s+"?(\w+)"?/i.exec(text)?.[1];
  return table ? `${verb} ${table}` : verb;
}

async function dueClaimIds(db: Db, now: Date): Promise<string[]> {
  const { rows } = await sql<{ claim_id: string }>`
    SELECT DISTINCT claim_id FROM claim_reminders WHERE state = 'scheduled' AND due_at <= ${now}`.execute(db);
  return rows.map((row) => row.claim_id);
}

/** A sweep changes state: the notices it took are scheduled again, the outbox rows it wrote deleted. */
async function rearm(db: Db, claimIds: readonly string[]): Promise<void> {
  await sql`UPDATE claim_reminders SET state = 'scheduled' WHERE claim_id = ANY(${claimIds}::uuid[]) AND state = 'enqueued'`.execute(
    db,
  );
  await sql`DELETE FROM outbox`.execute(db);
}

/** The sweep's first statement on claim_reminders, exactly as sent, from one untimed sweep; the data is then as seeded again. */
export async function captureSweepStatement(db: Db, log: QueryLog, now: Date): Promise<CapturedQuery> {
  const dueClaims = await dueClaimIds(db, now);
  let captured: CapturedQuery | undefined;
  log.capture = (event) => {
    if (/claim_reminders/i.test(event.query.sql))
      captured ??= { sql: event.query.sql, parameters: event.query.parameters };
  };
  try {
    await runSlaSweep({ db, clock: () => now });
  } finally {
    log.capture = undefined;
  }
  await rearm(db, dueClaims);
  await sql`VACUUM claim_reminders, outbox`.execute(db);
  if (!captured) throw new Error('the sweep sent no statement on claim_reminders');
  return captured;
}

/**
 * Times the real runSlaSweep (its whole transaction, committed) at a clock where the seeded due
 * notices are due. Between repetitions, outside the timing, the notices are re-armed; every tenth
 * repetition a VACUUM clears the dead rows this leaves, as autovacuum would.
 */
export async function timeSweeps(
  db: Db,
  log: QueryLog,
  now: Date,
  options: { repetitions: number; expected: number },
): Promise<SweepTiming> {
  const dueClaims = await dueClaimIds(db, now);
  const totals: number[] = [];
  const perGroup = new Map<string, { counts: number; samples: number[] }>();
  let notices = 0;
  let statements = 0;
  for (let rep = 0; rep < options.repetitions; rep++) {
    const spent = new Map<string, { count: number; ms: number }>();
    log.capture = (event) => {
      const what = describeStatement(event.query.sql);
      const entry = spent.get(what) ?? { count: 0, ms: 0 };
      spent.set(what, { count: entry.count + 1, ms: entry.ms + event.queryDurationMillis });
    };
    const started = performance.now();
    notices = await runSlaSweep({ db, clock: () => now });
    totals.push(performance.now() - started);
    log.capture = undefined;
    if (notices !== options.expected)
      throw new Error(`the sweep took ${notices} notices, ${options.expected} were due`);
    statements = [...spent.values()].reduce((sum, entry) => sum + entry.count, 0);
    for (const [what, entry] of spent) {
      const group = perGroup.get(what) ?? { counts: entry.count, samples: [] };
      group.samples.push(entry.ms);
      perGroup.set(what, group);
    }
    await rearm(db, dueClaims);
    if (rep % 10 === 9) await sql`VACUUM claim_reminders, outbox`.execute(db);
  }
  const total = summarise(totals);
  const groups = [...perGroup].map(([what, group]) => {
    const { p50, p99 } = summarise(group.samples);
    return { what, perSweep: group.counts, p50Ms: p50, p99Ms: p99 };
  });
  return {
    repetitions: options.repetitions,
    notices,
    p50: total.p50,
    p99: total.p99,
    statements,
    groups: groups.sort((a, b) => b.p50Ms - a.p50Ms),
  };
}
