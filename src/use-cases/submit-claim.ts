import {
  checkPendingLimit,
  isCorrectable,
  type Claim,
  type ClaimInput,
  type IneligibleRule,
  type PolicyConfig,
} from '../domain/claim.ts';
import { initialStatus } from '../domain/claim-state.ts';
import type { BusinessCalendar } from '../domain/business-days.ts';
import { evaluateClaim, normaliseClientName } from '../domain/policy.ts';
import { romeDateOf } from '../domain/rome-calendar.ts';
import { planSla, type SlaConfig } from '../domain/sla.ts';
import { recordClaimEvent } from '../db/audit.repository.ts';
import {
  findClaimBySourceViewId,
  findPendingReferences,
  findPriorClaims,
  insertClaim,
  lockProfessional,
  nextClaimReference,
} from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import { homeRefreshesFor } from './home-refreshes.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { scheduleNotices } from '../db/reminder.repository.ts';
import { loadLedgerView } from './load-ledger-view.ts';
import type { EvidenceFile } from '../domain/evidence.ts';
import { insertEvidence } from '../db/evidence.repository.ts';
import type { AutoApprovalConfig } from '../domain/auto-approval.ts';
import { approveAutomatically, judgeAutomatically, withAutoApprovalFinding } from './approve-automatically.ts';

export interface SubmitClaimCommand {
  teamId: string;
  professionalId: string;
  /** The modal's view id: the same submission delivered twice makes one claim. */
  sourceViewId: string;
  input: ClaimInput;
  /** Files attached in the modal: stored with the claim, copied to its review thread after the post. */
  evidence?: readonly EvidenceFile[];
  now: Date;
}

export type SubmitClaimResult =
  | {
      kind: 'stored';
      claim: Claim;
      /** False when this submission had already been stored (a replay or a double send). */
      created: boolean;
    }
  /** Something the professional can correct in the form: nothing was stored. */
  | { kind: 'correct'; rule: IneligibleRule; params: Record<string, string | number> }
  /** One claim more than MAX_PENDING_CLAIMS would wait for a decision: nothing was stored. */
  | { kind: 'too_many_pending'; pending: string[]; max: number };

export interface SubmitClaimDeps {
  db: Db;
  policy: PolicyConfig;
  calendar: BusinessCalendar;
  sla: SlaConfig;
  maxPendingClaims: number;
  /** AUTO_APPROVE and its guards; absent or with no cases enabled, every claim waits for a person. */
  autoApproval?: AutoApprovalConfig;
}

/**
 * Evaluates the claim against the policy and stores it with its verdict, its SLA schedule and the
 * Slack messages that announce it, in one transaction that holds the professional's lock: two
 * submissions of the same claim at once cannot both pass the "same claim twice" rule nor the pending
 * limit (30 claims in 2 seconds are counted one after the other), and a crash after the commit loses
 * no message. What the professional can correct in the form is returned, not stored.
 */
export async function submitClaim(deps: SubmitClaimDeps, command: SubmitClaimCommand): Promise<SubmitClaimResult> {
  return deps.db.transaction().execute(async (trx) => {
    await lockProfessional(trx, command.professionalId);
    const existing = await findClaimBySourceViewId(trx, command.sourceViewId);
    if (existing) return { kind: 'stored', claim: existing, created: false };

    const priorClaims = await findPriorClaims(trx, command.professionalId);
    const ledger = await loadLedgerView(trx, command.professionalId, command.input, command.now);
    const evaluated = evaluateClaim(command.input, priorClaims, deps.policy, command.now, ledger);
    if (evaluated.kind === 'ineligible' && isCorrectable(evaluated.rule)) {
      return { kind: 'correct', rule: evaluated.rule, params: evaluated.params };
    }
    const automatic = await judgeAutomatically(trx, deps.autoApproval, { ...command, verdict: evaluated });
    // An automatic approval does not wait for a decision: only claims that will wait count against the limit.
    if (evaluated.kind === 'to_review' && automatic.kind !== 'approve') {
      const limit = checkPendingLimit(await findPendingReferences(trx, command.professionalId), deps.maxPendingClaims);
      if (limit) return { kind: 'too_many_pending', ...limit };
    }
    const verdict = withAutoApprovalFinding(evaluated, automatic);
    const today = romeDateOf(command.now);
    const sla = verdict.kind === 'to_review' ? planSla(command.now, deps.calendar, deps.sla) : undefined;
    const claim = await insertClaim(trx, {
      reference: await nextClaimReference(trx, Number(today.slice(0, 4))),
      teamId: command.teamId,
      professionalId: command.professionalId,
      sourceViewId: command.sourceViewId,
      clientKey: normaliseClientName(command.input.clientFirstName, command.input.clientLastName),
      input: command.input,
      status: initialStatus(verdict.kind),
      verdict,
      submittedAt: command.now,
      reviewDeadlineOn: sla?.deadline ?? null,
    });
    const evidence = command.evidence ?? [];
    await insertEvidence(trx, claim.id, evidence);
    if (automatic.kind === 'approve') {
      const approved = await approveAutomatically(trx, claim, automatic.proof, command.now, {
        copyEvidence: evidence.length > 0,
      });
      return { kind: 'stored', claim: approved, created: true };
    }
    if (sla) await scheduleNotices(trx, claim.id, sla.notices);
    const evidenceCopy = sla && evidence.length > 0 ? [{ claimId: claim.id, kind: 'evidence_copy' as const }] : [];
    await enqueueMessages(
      trx,
      sla
        ? [
            { claimId: claim.id, kind: 'review_post' },
            ...evidenceCopy,
            { claimId: claim.id, kind: 'submission_dm' },
            ...homeRefreshesFor(claim.id, claim.professionalId),
          ]
        : [{ claimId: claim.id, kind: 'submission_dm' }, ...homeRefreshesFor(claim.id, claim.professionalId)],
      command.now,
    );
    await recordClaimEvent(trx, {
      claimId: claim.id,
      kind: 'submitted',
      actor: command.professionalId,
      at: command.now,
    });
    await recordClaimEvent(trx, {
      claimId: claim.id,
      kind: 'evaluated',
      actor: null,
      at: command.now,
      details: verdict.kind === 'ineligible' ? { verdict: 'ineligible', rule: verdict.rule } : { verdict: 'to_review' },
    });
    return { kind: 'stored', claim, created: true };
  });
}
