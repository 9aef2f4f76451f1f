import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { findPriorClaims, listClaimsOfProfessional } from '../src/db/claim.repository.ts';
import { migrateToLatest, type Db } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { checkPlan, type CapturedQuery, type PlanCheck, type QueryLog } from './plans.ts';
import { SCALE_SHAPE, seedScaleDatabase, type ScaleShape } from './seed.ts';
import { summarise } from './stats.ts';
import { captureSweepStatement, timeSweeps, type SweepTiming } from './sweep.ts';
import { timeSingleStatementAlternative, timeTakeDueNotices, type RolledBackTiming } from './sweep-alternative.ts';

export interface Timing {
  count: number;
  p50: number;
  p99: number;
}

export interface ScaleResult {
  shape: ScaleShape;
  seedSeconds: { claims: number; reminders: number; vacuumAnalyze: number };
  rows: { claims: number; reminders: number; scheduled: number; dueAtNow: number };
  heaviest: { professionalId: string; claims: number };
  sweep: SweepTiming;
  /** takeDueNotices alone, rolled back; and, for a per-notice sweep, the same work as one statement (a proposal). */
  takeDue: RolledBackTiming;
  alternative: (RolledBackTiming & { sql: string }) | undefined;
  list: Timing;
  listHeaviest: Timing;
  prior: Timing;
  priorHeaviest: Timing & { rows: number };
  plans: { sweep: PlanCheck; list: PlanCheck; prior: PlanCheck };
  statements: { sweep: CapturedQuery; list: CapturedQuery; prior: CapturedQuery };
  /** The server's durability settings: a commit waits for the WAL flush when synchronous_commit is on. */
  settings: { synchronousCommit: string; fsync: string };
}

/** Like createDb, plus Kysely's query log, and a statement timeout so no seeding step can hang the run. */
function openScaleDb(url: string, log: QueryLog): Db {
  const pool = new pg.Pool({ connectionString: url, max: 4, options: '-c statement_timeout=300000' });
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: (event) => log.capture?.(event) });
}

async function timeEach(count: number, run: (i: number) => Promise<unknown>): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  const { p50, p99 } = summarise(samples);
  return { count, p50, p99 };
}

async function captureFirst(log: QueryLog, run: () => Promise<unknown>): Promise<CapturedQuery> {
  let found: CapturedQuery | undefined;
  log.capture = (event) => {
    found ??= { sql: event.query.sql, parameters: event.query.parameters };
  };
  try {
    await run();
  } finally {
    log.capture = undefined;
  }
  if (!found) throw new Error('the statement to explain was not sent');
  return found;
}

/** The same statement at a later clock: every Date parameter moved, so more notices are due. */
const atLaterClock = (query: CapturedQuery, later: Date): CapturedQuery => ({
  sql: query.sql,
  parameters: query.parameters.map((value) => (value instanceof Date ? later : value)),
});

/** A million claims, then the two reads that must not grow with them: the SLA sweep and a professional's list. */
export async function runScaleBench(url: string, progress: (line: string) => void): Promise<ScaleResult> {
  const log: QueryLog = { capture: undefined };
  const db = openScaleDb(url, log);
  try {
    await migrateToLatest(db);
    const now = new Date();
    const shape = SCALE_SHAPE;
    const seeded = await seedScaleDatabase(db, shape, now, progress);
    const heaviest = seeded.heaviest.professionalId;
    const professional = (i: number) => `UPRO${String((i * 7919) % shape.professionals).padStart(5, '0')}`;

    // Plans of the data as seeded, for two sizes of answer each; explain() rolls its transaction back.
    const statements = {
      sweep: await captureSweepStatement(db, log, now),
      list: await captureFirst(log, () => listClaimsOfProfessional(db, heaviest, 20)),
      prior: await captureFirst(log, () => findPriorClaims(db, heaviest)),
    };
    const plans = {
      sweep: await checkPlan(
        url,
        statements.sweep,
        atLaterClock(statements.sweep, new Date(now.getTime() + 0.8 * 86_400_000)),
      ),
      list: await checkPlan(
        url,
        statements.list,
        await captureFirst(log, () => listClaimsOfProfessional(db, heaviest, 200)),
      ),
      prior: await checkPlan(
        url,
        await captureFirst(log, () => findPriorClaims(db, professional(4999))),
        statements.prior,
      ),
    };

    progress('timing the claim list, the prior-claims read and the SLA sweep…');
    await timeEach(50, (i) => listClaimsOfProfessional(db, professional(i), 20)); // warm-up
    const list = await timeEach(1000, (i) => listClaimsOfProfessional(db, professional(i + 50), 20));
    const listHeaviest = await timeEach(300, () => listClaimsOfProfessional(db, heaviest, 20));
    const prior = await timeEach(300, (i) => findPriorClaims(db, professional(i)));
    const priorHeaviest = await timeEach(100, () => findPriorClaims(db, heaviest));
    const priorRows = (await findPriorClaims(db, heaviest)).length;
    const sweep = await timeSweeps(db, log, now, { repetitions: 200, expected: seeded.rows.dueAtNow });
    const takeDue = await timeTakeDueNotices(db, now, 100);
    const alternative = await timeSingleStatementAlternative(url, statements.sweep, 100);
    const { rows: settingRows } = await sql<{ name: string; setting: string }>`
      SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync')`.execute(db);
    const setting = (name: string) => settingRows.find((row) => row.name === name)?.setting ?? '?';

    return {
      shape,
      ...seeded,
      sweep,
      takeDue,
      alternative,
      list,
      listHeaviest,
      prior,
      priorHeaviest: { ...priorHeaviest, rows: priorRows },
      plans,
      statements,
      settings: { synchronousCommit: setting('synchronous_commit'), fsync: setting('fsync') },
    };
  } finally {
    await db.destroy();
  }
}
