import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { listClaimsOfProfessional } from '../src/db/claim.repository.ts';
import { migrateToLatest, type Db } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { readSubmissionContext } from '../src/db/submission.repository.ts';
import { runSlaSweep } from '../src/use-cases/run-sla-sweep.ts';
import { percentile } from './load.ts';

/**
 * The reads that must not grow with the table: the SLA sweep and a professional's claim list, timed
 * and explained at 10 million claims. The database is seeded once (one INSERT … SELECT generate_series,
 * the secondary indexes built after it) and kept for the next run.
 */
export const SCALE_DB = 'rimborso_bench_10m';
const CLAIMS = 10_000_000;
const PROFESSIONALS = 50_000;
const RECENT = 100_000;
export const HEAVIEST = 'UPRO00000';

export interface PlanFigure {
  nodes: string[];
  rows: number;
  buffers: number;
}
export interface ScaleResult {
  seeded: string;
  sweep: { p50: number; p99: number; due: number; plans: PlanFigure[] };
  list: { p50: number; p99: number; heaviestP99: number; plans: PlanFigure[] };
  /** A submission's one read (what the policy asks) for the professional with the most claims. */
  submissionRead: { p50: number; p99: number; claims: number };
}

async function seed(db: Db, now: Date, log: (line: string) => void): Promise<void> {
  await migrateToLatest(db);
  await sql`SET maintenance_work_mem = '512MB'`.execute(db);
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid
    WHERE t.relname = 'claims' AND c.oid IS NULL`.execute(db);
  for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(db);
  log(`seeding ${CLAIMS.toLocaleString('en')} claims`);
  await sql`
    INSERT INTO claims (reference, team_id, professional_id, source_view_id, client_first_name, client_last_name,
      client_key, service, answered_on, received_on, credits, reason, description, status, verdict, submitted_at,
      review_deadline_on, decided_by, decided_at)
    SELECT 'RIM-S-' || n, 'T1', pro, 'VS' || n, 'Cliente', 'N' || n, 'cliente n' || n, 'Imbiancatura',
      (submitted AT TIME ZONE 'Europe/Rome')::date - 3, NULL, 1 + n % 40, reason,
      CASE WHEN reason IN ('details_changed', 'terms_violated') THEN 'Descrizione' END, status,
      CASE WHEN status = 'ineligible' THEN '{"kind":"ineligible","rule":"window_expired","params":{}}'::jsonb
           ELSE '{"kind":"to_review","findings":[]}'::jsonb END,
      submitted, CASE WHEN status <> 'ineligible' THEN (submitted AT TIME ZONE 'Europe/Rome')::date + 5 END,
      CASE WHEN status IN ('approved', 'rejected') THEN 'UREV1' END,
      CASE WHEN status IN ('approved', 'rejected') THEN submitted + interval '2 days' END
    FROM (
      SELECT n, ${now}::timestamptz - (${CLAIMS} - n) * interval '6 seconds' AS submitted,
        'UPRO' || lpad(floor(${PROFESSIONALS} * power(((n::bigint * 2654435761) % 4294967296) / 4294967296.0, 2))::int::text, 5, '0') AS pro,
        (ARRAY['no_grazie','details_changed','answered_twice','terms_violated','sent_by_mistake'])[1 + n % 5] AS reason,
        CASE WHEN n > ${CLAIMS - RECENT} AND n % 6 = 0 THEN 'pending_review'
             WHEN n % 100 < 70 THEN 'approved' WHEN n % 100 < 88 THEN 'rejected' ELSE 'ineligible' END AS status
      FROM generate_series(1, ${CLAIMS}) AS n
    ) s`.execute(db);
  log('building the indexes');
  for (const index of indexes) await sql.raw(index.def).execute(db);
  // Three notices per recent reviewed claim: scheduled for pending ones (about 0.2 % already due), else cancelled.
  await sql`
    INSERT INTO claim_reminders (claim_id, kind, business_days_left, due_at, state)
    SELECT c.id, k.kind, k.days,
      ${now}::timestamptz + (((hashtext(c.id::text || k.kind) & 1048575) / 1048576.0) - 0.002) * interval '21 days',
      CASE WHEN c.status = 'pending_review' THEN 'scheduled' ELSE 'cancelled' END
    FROM claims c CROSS JOIN (VALUES ('reminder', 2), ('reminder', 0), ('escalation', -1)) AS k(kind, days)
    WHERE c.submitted_at > ${now}::timestamptz - ${RECENT} * interval '6 seconds' AND c.status <> 'ineligible'`.execute(
    db,
  );
  await sql`CREATE TABLE bench_seed (now timestamptz NOT NULL)`.execute(db);
  await sql`INSERT INTO bench_seed VALUES (${now})`.execute(db);
  await sql`VACUUM ANALYZE`.execute(db);
}

/** Explains one statement as the app sent it: plan node types, rows returned, buffers touched. */
async function explain(db: Db, query: CompiledQuery): Promise<PlanFigure> {
  type Node = { 'Node Type': string; 'Index Name'?: string; Plans?: Node[] };
  const plan = await db
    .transaction()
    .execute(async (trx) => {
      const { rows } = await trx.executeQuery<{ 'QUERY PLAN': [{ Plan: Node & Record<string, number> }] }>({
        ...query,
        sql: `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.sql}`,
      });
      await sql`ROLLBACK`.execute(trx).catch(() => undefined);
      return rows[0]?.['QUERY PLAN'][0]?.Plan;
    })
    .catch((error: unknown) => {
      // The ROLLBACK above ends the transaction early on purpose; Kysely's COMMIT then has nothing to commit.
      if (error instanceof Error && /no transaction/.test(error.message)) return undefined;
      throw error;
    });
  const nodes: string[] = [];
  const walk = (node: Node) => {
    nodes.push(node['Index Name'] ? `${node['Node Type']} (${node['Index Name']})` : node['Node Type']);
    node.Plans?.forEach(walk);
  };
  if (plan) walk(plan);
  return {
    nodes: [...new Set(nodes)].filter((n) => /Scan/.test(n)),
    rows: plan?.['Actual Rows'] ?? 0,
    buffers: (plan?.['Shared Hit Blocks'] ?? 0) + (plan?.['Shared Read Blocks'] ?? 0),
  };
}

/**
 * Times `runs` calls after the same calls once untimed: the figures are of a database whose pages are in
 * memory, as a running one's are (the first read of a 5 GB table after seeding or a restart is the
 * disk's, and lands in the p99 of a 60-run sample).
 */
async function time(runs: number, step: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < runs; i++) await step(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await step(i);
    ms.push(performance.now() - started);
  }
  return ms.sort((a, b) => a - b);
}

export async function runScale(adminUrl: string, log: (line: string) => void): Promise<ScaleResult> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [SCALE_DB])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE ${SCALE_DB}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${SCALE_DB}`;
  const captured: CompiledQuery[] = [];
  const db: Db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 2 }) }),
    log: (event) => void captured.push(event.query),
  });
  try {
    const seededAt = await sql<{ now: Date }>`SELECT now FROM bench_seed`.execute(db).then(
      (r) => r.rows[0]?.now,
      () => undefined,
    );
    const started = performance.now();
    const now = seededAt ?? new Date();
    if (!seededAt) await seed(db, now, log);
    else await migrateToLatest(db);
    const seeded = seededAt
      ? `reused (seeded ${seededAt.toISOString()})`
      : `seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`;

    // The reads first, then the sweep: its writes (and their WAL flushes) would be timed with the reads.
    const professional = (i: number) => `UPRO${String((i * 7919) % PROFESSIONALS).padStart(5, '0')}`;
    const list = await time(300, (i) => listClaimsOfProfessional(db, professional(i), 20));
    const heaviest = await time(100, () => listClaimsOfProfessional(db, HEAVIEST, 20));
    const listPlans: PlanFigure[] = [];
    for (const limit of [20, 200]) {
      captured.length = 0;
      await listClaimsOfProfessional(db, HEAVIEST, limit);
      if (captured[0]) listPlans.push(await explain(db, captured[0]));
    }
    const read = (trx: Parameters<typeof readSubmissionContext>[0]) =>
      readSubmissionContext(trx, {
        professionalId: HEAVIEST,
        sourceViewId: 'V-bench',
        clientKey: 'cliente nuovo',
        answeredOn: '2026-11-20',
        askMistakes: true,
        chargesFrom: new Date('2026-09-21T00:00:00Z'),
        chargesTo: new Date('2026-11-30T00:00:00Z'),
        now,
      });
    const submissionRead = await time(100, () => db.transaction().execute(read));

    // The sweep takes what is due; each run is undone afterwards so the next finds the same notices.
    const undo = async () => {
      await sql`UPDATE claim_reminders SET state = 'scheduled' WHERE state = 'enqueued'`.execute(db);
      await sql`DELETE FROM outbox WHERE created_at = ${now}`.execute(db);
    };
    await undo();
    let due = 0;
    const sweepMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      await runSlaSweep({ db, clock: () => now }); // untimed: the pages it reads come into memory
      await undo();
    }
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      due = await runSlaSweep({ db, clock: () => now });
      sweepMs.push(performance.now() - t0);
      await undo();
    }
    sweepMs.sort((a, b) => a - b);
    const sweepPlans: PlanFigure[] = [];
    for (const hours of [0, 72]) {
      captured.length = 0;
      const later = new Date(now.getTime() + hours * 3_600_000);
      await runSlaSweep({ db, clock: () => later });
      const take = captured.find((q) => q.sql.includes('claim_reminders') && q.sql.includes('UPDATE'));
      await undo();
      await sql`DELETE FROM outbox WHERE created_at = ${later}`.execute(db);
      if (take) sweepPlans.push(await explain(db, take));
    }

    const { rows: heaviestClaims } = await sql<{ n: string }>`
      SELECT count(*) AS n FROM claims WHERE professional_id = ${HEAVIEST}`.execute(db);
    return {
      seeded,
      submissionRead: {
        p50: percentile(submissionRead, 50),
        p99: percentile(submissionRead, 99),
        claims: Number(heaviestClaims[0]?.n ?? 0),
      },
      sweep: { p50: percentile(sweepMs, 50), p99: percentile(sweepMs, 99), due, plans: sweepPlans },
      list: {
        p50: percentile(list, 50),
        p99: percentile(list, 99),
        heaviestP99: percentile(heaviest, 99),
        plans: listPlans,
      },
    };
  } finally {
    await db.destroy();
  }
}
