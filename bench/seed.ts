import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';

/**
 * Bulk data for the benchmark, written with one INSERT … SELECT generate_series per table so a million
 * claims take seconds, not minutes. Every row satisfies the claims' check constraints, and client keys
 * are unique, so the partial unique index on (professional_id, client_key, answered_on) never objects.
 */

export interface ScaleShape {
  claims: number;
  professionals: number;
  /** The most recent claims (two weeks' worth) are either pending or decided; one in `pendingEvery` is pending. */
  recentClaims: number;
  pendingEvery: number;
  /** Share of the scheduled reminders whose due_at is already past at `now`. */
  dueShare: number;
}

export const SCALE_SHAPE: ScaleShape = {
  claims: 1_000_000,
  professionals: 5_000,
  recentClaims: 19_000,
  pendingEvery: 6,
  dueShare: 0.0105,
};

const REASONS = sql`(ARRAY['no_grazie','details_changed','answered_twice','terms_violated','sent_by_mistake'])`;

/**
 * Claims over two years, newest last. Professionals are skewed (a few have thousands of claims, most a
 * hundred or so); of the recent ones one in `pendingEvery` is still pending, the rest and all older ones
 * are decided (70 % approved, 18 % rejected) or were ineligible (12 %).
 */
export async function seedClaims(db: Db, shape: ScaleShape, now: Date): Promise<void> {
  const { claims, professionals, recentClaims, pendingEvery } = shape;
  await sql`
    INSERT INTO claims (reference, team_id, professional_id, source_view_id, client_first_name, client_last_name,
      client_key, client_phone, service, answered_on, received_on, credits, reason, description, status, verdict,
      submitted_at, review_deadline_on, decided_by, decided_at, decision_reason, review_channel_id, review_message_ts)
    SELECT 'RIM-S-' || lpad(n::text, 7, '0'), 'T1', pro, 'VSEED' || n, 'Cliente', 'N' || n,
      'cliente n' || n, NULL, 'Imbiancatura', answered, answered - (n % 3), 1 + n % 40, reason,
      CASE WHEN reason IN ('details_changed', 'terms_violated') THEN 'Descrizione del caso' END,
      status,
      CASE WHEN status = 'ineligible' THEN '{"kind":"ineligible","rule":"window_expired","params":{}}'::jsonb
           ELSE '{"kind":"to_review","findings":[]}'::jsonb END,
      submitted, CASE WHEN status <> 'ineligible' THEN answered + 20 END,
      CASE WHEN status IN ('approved', 'rejected') THEN 'UREV' || (n % 7) END,
      CASE WHEN status IN ('approved', 'rejected') THEN submitted + interval '2 days' END,
      CASE WHEN status = 'rejected' THEN 'Motivo del rifiuto' END,
      CASE WHEN status <> 'ineligible' THEN 'CREVIEW' END,
      CASE WHEN status <> 'ineligible' THEN '1700000000.' || lpad(n::text, 7, '0') END
    FROM (
      SELECT n, pro, submitted, (submitted AT TIME ZONE 'Europe/Rome')::date - (n % 25) AS answered,
        ${REASONS}[1 + n % 5] AS reason,
        CASE WHEN rank < ${recentClaims} AND rank % ${pendingEvery} = 0 THEN 'pending_review'
             WHEN spread < 70 THEN 'approved' WHEN spread < 88 THEN 'rejected' ELSE 'ineligible' END AS status
      FROM (
        SELECT n, ${claims} - n AS rank,
          ${now}::timestamptz - (${claims} - n) * (interval '730 days' / ${claims}) AS submitted,
          'UPRO' || lpad(floor(${professionals} * power(((n::bigint * 2654435761) % 4294967296) / 4294967296.0, 1.5))::int::text, 5, '0') AS pro,
          (n::bigint * 40503) % 100 AS spread
        FROM generate_series(1, ${claims}) AS n
      ) AS base
    ) AS claim`.execute(db);
  await sql`SELECT setval('claim_reference_seq', ${claims})`.execute(db);
}

/**
 * Three notices per reviewed claim (reminders at 2 and 0 business days left, the escalation): cancelled
 * for decided claims, scheduled for pending ones with due_at spread over the next three weeks, of which
 * `dueShare` is already due at `now`.
 */
export async function seedReminders(db: Db, shape: ScaleShape, now: Date): Promise<void> {
  await sql`
    INSERT INTO claim_reminders (claim_id, kind, business_days_left, due_at, state)
    SELECT c.id, notice.kind, notice.days_left,
      CASE WHEN c.status = 'pending_review'
        THEN ${now}::timestamptz + (spread - ${shape.dueShare}) * interval '21 days'
        ELSE c.submitted_at + notice.after END,
      CASE WHEN c.status = 'pending_review' THEN 'scheduled' ELSE 'cancelled' END
    FROM claims c
    CROSS JOIN (VALUES ('reminder', 2, interval '10 days'), ('reminder', 0, interval '13 days'),
                       ('escalation', -1, interval '15 days')) AS notice (kind, days_left, after)
    -- A spread in [0, 1) drawn from the claim's reference: the same due notices on every run.
    CROSS JOIN LATERAL (SELECT (hashtext(c.reference || notice.kind || notice.days_left) & 2147483647) / 2147483648.0 AS spread) AS draw
    WHERE c.status <> 'ineligible'`.execute(db);
}

/** Pending claims of other professionals, for the approve clicks: one click per claim. Returns their ids. */
export async function seedPendingClaims(db: Db, count: number, now: Date): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO claims (reference, team_id, professional_id, source_view_id, client_first_name, client_last_name,
      client_key, service, answered_on, received_on, credits, reason, status, verdict, submitted_at,
      review_deadline_on, review_channel_id, review_message_ts)
    SELECT 'RIM-P-' || lpad(n::text, 7, '0'), 'T1', 'UPRO' || (n % 50), 'VPENDING' || n, 'Cliente', 'P' || n,
      'cliente p' || n, 'Imbiancatura', ${now}::date - 3, ${now}::date - 4, 5, 'no_grazie', 'pending_review',
      '{"kind":"to_review","findings":[]}'::jsonb, ${now}, ${now}::date + 14, 'CREVIEW', '1700000000.' || lpad(n::text, 6, '0')
    FROM generate_series(1, ${count}) AS n
    RETURNING id`.execute(db);
  const ids = rows.map((row) => row.id);
  await sql`
    INSERT INTO claim_reminders (claim_id, kind, business_days_left, due_at)
    SELECT c.id, notice.kind, notice.days_left, ${now}::timestamptz + notice.after
    FROM claims c
    CROSS JOIN (VALUES ('reminder', 2, interval '8 days'), ('reminder', 0, interval '10 days'),
                       ('escalation', -1, interval '11 days')) AS notice (kind, days_left, after)
    WHERE c.id = ANY(${ids}::uuid[])`.execute(db);
  return ids;
}

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

/** Seeds the scale database, VACUUM ANALYZE, and counts what it holds (timed, for the report). */
export async function seedScaleDatabase(db: Db, shape: ScaleShape, now: Date, progress: (line: string) => void) {
  progress(`seeding ${shape.claims.toLocaleString('en')} claims…`);
  const claims = await seconds(() => seedClaims(db, shape, now));
  progress(`claims in ${claims.toFixed(1)} s; seeding their reminders…`);
  const reminders = await seconds(() => seedReminders(db, shape, now));
  const vacuumAnalyze = await seconds(() => sql`VACUUM (ANALYZE) claims, claim_reminders`.execute(db));
  progress(`reminders in ${reminders.toFixed(1)} s, VACUUM ANALYZE in ${vacuumAnalyze.toFixed(1)} s`);
  const { rows } = await sql<{
    claims: string;
    reminders: string;
    scheduled: string;
    due: string;
    heaviest: string;
    heaviest_claims: string;
  }>`
    SELECT (SELECT count(*) FROM claims) AS claims, (SELECT count(*) FROM claim_reminders) AS reminders,
      (SELECT count(*) FROM claim_reminders WHERE state = 'scheduled') AS scheduled,
      (SELECT count(*) FROM claim_reminders WHERE state = 'scheduled' AND due_at <= ${now}) AS due,
      top.professional_id AS heaviest, top.n AS heaviest_claims
    FROM (SELECT professional_id, count(*) AS n FROM claims GROUP BY 1 ORDER BY 2 DESC LIMIT 1) AS top`.execute(db);
  const counts = rows[0];
  if (!counts) throw new Error('the seeded database answered nothing');
  return {
    seedSeconds: { claims, reminders, vacuumAnalyze },
    rows: {
      claims: Number(counts.claims),
      reminders: Number(counts.reminders),
      scheduled: Number(counts.scheduled),
      dueAtNow: Number(counts.due),
    },
    heaviest: { professionalId: counts.heaviest, claims: Number(counts.heaviest_claims) },
  };
}
