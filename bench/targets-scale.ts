import { ms } from './format.ts';
import { describeSweepStatements } from './report-scale.ts';
import type { ScaleResult } from './scale.ts';
import type { TargetRow } from './targets.ts';

/** The targets at a million claims: the SLA sweep and the claim list, their times and their plans. */
function sweepCause(scale: ScaleResult): string {
  const { sweep, takeDue, alternative, settings } = scale;
  const [largest] = sweep.groups;
  const tail = [...sweep.groups].sort((a, b) => b.p99Ms - a.p99Ms)[0];
  const commitNote =
    tail?.what === 'commit'
      ? ` (synchronous_commit=${settings.synchronousCommit}, fsync=${settings.fsync}: a commit waits for the WAL to reach this machine's disk)`
      : '';
  return (
    `One sweep sends ${sweep.statements} statements: ${describeSweepStatements(sweep)} (p50 / p99 of their round trips; the whole sweep p50 ${ms(sweep.p50)}, p99 ${ms(sweep.p99)} ms). ` +
    (largest
      ? `The largest part at p50 is ${largest.perSweep}× ${largest.what}${largest.perSweep > 1 ? ', one per due notice' : ''}`
      : '') +
    (tail ? `; at p99, ${tail.what} (${ms(tail.p99Ms)} ms)${commitNote}. ` : '. ') +
    `Its statement on claim_reminders reads ${scale.plans.sweep.verdict}. takeDueNotices alone takes ${ms(takeDue.p50)} ms (p50) for ${takeDue.rows} notices` +
    (alternative
      ? `; the same work as one UPDATE … FROM (its SELECT) … RETURNING takes ${ms(alternative.p50)} ms (p50, p99 ${ms(alternative.p99)}), measured in the same run (SQL under the plans).`
      : '.')
  );
}

export function scaleTargets(scale: ScaleResult): TargetRow[] {
  const { sweep, list, listHeaviest, plans } = scale;
  const listMet = list.p99 < 10 && listHeaviest.p99 < 10;
  return [
    {
      target: 'SLA sweep < 10 ms at 1M claims (p99)',
      measured: `${ms(sweep.p99)} ms (p50 ${ms(sweep.p50)}) taking ${sweep.notices} due notices`,
      met: sweep.p99 < 10,
      cause: sweep.p99 < 10 ? '' : sweepCause(scale),
    },
    {
      target: 'Claim list < 10 ms at 1M claims (p99)',
      measured: `${ms(list.p99)} ms (p50 ${ms(list.p50)}); heaviest professional ${ms(listHeaviest.p99)} ms`,
      met: listMet,
      cause: listMet ? '' : `See the claim list plan below (${plans.list.verdict}).`,
    },
    ...(['sweep', 'list'] as const).map((name) => ({
      target: `${name === 'sweep' ? 'Sweep' : 'Claim list'} plan: index scans, cost follows the rows returned`,
      measured: plans[name].verdict,
      met: plans[name].followsRows,
      cause: plans[name].followsRows
        ? ''
        : `The plan below does not follow the rows it returns: ${plans[name].verdict}.`,
    })),
  ];
}
