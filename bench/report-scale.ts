import { fixed, int, ms, table } from './format.ts';
import type { PlanCheck } from './plans.ts';
import type { ScaleResult } from './scale.ts';
import type { SweepTiming } from './sweep.ts';

type Timing = { count: number; p50: number; p99: number };
const timing = (t: Timing) => [String(t.count), ms(t.p50), ms(t.p99)];

/** "112× update claim_reminders 24.5 / 40.1 ms, 1× insert outbox 2.10 / 6.3 ms, …" (p50 / p99 of their round trips per sweep). */
export function describeSweepStatements(sweep: SweepTiming): string {
  return sweep.groups
    .map((group) => `${group.perSweep}× ${group.what} ${ms(group.p50Ms)} / ${ms(group.p99Ms)} ms`)
    .join(', ');
}

export function scaleSection(scale: ScaleResult): string {
  const { seedSeconds: seed, rows, sweep, alternative } = scale;
  return [
    `Seeded with one INSERT … SELECT generate_series per table, every index already in place: ${int(rows.claims)} claims in ${fixed(seed.claims)} s ` +
      `(${int(scale.shape.professionals)} professionals, skewed: the heaviest, ${scale.heaviest.professionalId}, has ${int(scale.heaviest.claims)} claims), ` +
      `${int(rows.reminders)} claim_reminders rows in ${fixed(seed.reminders)} s (${int(rows.scheduled)} scheduled over the next three weeks, ` +
      `${rows.dueAtNow} of them due at the sweep's clock; the rest cancelled with their decided claims), then VACUUM (ANALYZE) in ${fixed(seed.vacuumAnalyze)} s.`,
    '',
    table(
      ['Operation', 'Runs', 'p50 ms', 'p99 ms', 'What is timed'],
      [
        [
          'SLA sweep: runSlaSweep({ db, clock })',
          ...timing({ count: sweep.repetitions, p50: sweep.p50, p99: sweep.p99 }),
          `the real function, its whole committed transaction, taking ${sweep.notices} notices with ${sweep.statements} statements: ${describeSweepStatements(sweep)} ` +
            '(p50 / p99 of their round trips). Between runs, untimed, the notices are scheduled again and the outbox rows deleted; a VACUUM every 10 runs',
        ],
        [
          'SLA sweep: takeDueNotices alone',
          ...timing(scale.takeDue),
          `${scale.takeDue.rows} notices taken, in a transaction rolled back each time`,
        ],
        [
          'SLA sweep: its statement on claim_reminders alone',
          '1',
          ms(scale.plans.sweep.small.executionMs),
          ms(scale.plans.sweep.small.executionMs),
          'EXPLAIN ANALYZE execution time (server side, no round trip), rolled back',
        ],
        ...(alternative
          ? [
              [
                '(proposal) takeDueNotices as one statement',
                ...timing(alternative),
                `the sweep's SELECT as a CTE + one UPDATE … FROM … RETURNING (${alternative.rows} rows), rolled back each time; SQL below`,
              ],
            ]
          : []),
        [
          'Claim list: listClaimsOfProfessional(db, id, 20)',
          ...timing(scale.list),
          'random professionals (about 200 claims each), round trip included',
        ],
        [
          'Claim list, heaviest professional',
          ...timing(scale.listHeaviest),
          `${int(scale.heaviest.claims)} claims, 20 returned`,
        ],
        [
          '(no target) findPriorClaims: read by every view_submission',
          ...timing(scale.prior),
          'random professionals: all their claims but the ineligible ones, no LIMIT',
        ],
        [
          '(no target) findPriorClaims, heaviest professional',
          ...timing(scale.priorHeaviest),
          `${int(scale.priorHeaviest.rows)} rows returned`,
        ],
      ],
    ),
  ].join('\n');
}

function planBlock(title: string, check: PlanCheck, statement: string, sizes: string): string {
  return [
    `### ${title}`,
    '',
    '```sql',
    statement,
    '```',
    '',
    `Small answer (${sizes.split(' / ')[0]}):`,
    '',
    '```',
    check.small.text,
    '```',
    '',
    `Large answer (${sizes.split(' / ')[1]}): ${check.large.rows} rows, ${check.large.pages} pages, ${ms(check.large.executionMs)} ms.`,
    '',
    `Verdict: ${check.verdict}.`,
    '',
  ].join('\n');
}

export function plansSection(scale: ScaleResult): string {
  const { plans, statements, alternative } = scale;
  return [
    planBlock(
      'SLA sweep: its statement on claim_reminders',
      plans.sweep,
      statements.sweep.sql,
      'the seeded clock / the same statement 0.8 day later',
    ),
    planBlock(
      'Claim list: listClaimsOfProfessional, heaviest professional',
      plans.list,
      statements.list.sql,
      'limit 20 / limit 200',
    ),
    planBlock(
      '(no target) findPriorClaims',
      plans.prior,
      statements.prior.sql,
      'the professional with the fewest claims / the heaviest',
    ),
    ...(alternative
      ? ['### (proposal) takeDueNotices as one statement, timed above', '', '```sql', alternative.sql, '```', '']
      : []),
  ].join('\n');
}
