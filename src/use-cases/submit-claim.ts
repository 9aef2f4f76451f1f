/**
 * Use case: the refund form's submission — the heart of the app. Called by listeners/refund-submission.ts, it
 * evaluates the claim against the policy and stores it with its verdict, SLA schedule and queued Slack messages
 * in one transaction under the professional's lock (or approves it at once via approve-automatically.ts).
 * What the professional can still correct in the form is returned, not stored.
 */
import { randomUUID } from 'node:crypto';
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
import { addDays, romeDateOf } from '../domain/rome-calendar.ts';
import { planSla, type SlaConfig } from '../domain/sla.ts';
import { findClaimById, lockProfessional } from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import { homeRefreshesFor } from './home-refreshes.ts';
import { insertSubmittedClaim, readSubmissionContext } from '../db/submission.repository.ts';
import type { EvidenceFile } from '../domain/evidence.ts';
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
    const { input, now } = command;
    const clientKey = normaliseClientName(input.clientFirstName, input.clientLastName);
    const context = await readSubmissionContext(trx, {
      professionalId: command.professionalId,
      sourceViewId: command.sourceViewId,
      clientKey,
      answeredOn: input.answeredOn,
      askMistakes: input.reason === 'sent_by_mistake',
      ...ledgerWindowOf(input),
      now,
    });
    if (context.existingClaimId) {
      const existing = await findClaimById(trx, context.existingClaimId);
      if (existing) return { kind: 'stored', claim: existing, created: false };
    }

    const evaluated = evaluateClaim(input, context.priorClaims, deps.policy, now, context.ledger);
    if (evaluated.kind === 'ineligible' && isCorrectable(evaluated.rule)) {
      return { kind: 'correct', rule: evaluated.rule, params: evaluated.params };
    }
    const automatic = await judgeAutomatically(trx, deps.autoApproval, { ...command, verdict: evaluated });
    // An automatic approval does not wait for a decision: only claims that will wait count against the limit.
    if (evaluated.kind === 'to_review' && automatic.kind !== 'approve') {
      const limit = checkPendingLimit(context.pendingReferences, deps.maxPendingClaims);
      if (limit) return { kind: 'too_many_pending', ...limit };
    }
    const verdict = withAutoApprovalFinding(evaluated, automatic);
    const sla = verdict.kind === 'to_review' ? planSla(now, deps.calendar, deps.sla) : undefined;
    const evidence = command.evidence ?? [];
    const id = randomUUID();
    const waits = automatic.kind !== 'approve';
    const claim = await insertSubmittedClaim(trx, {
      id,
      year: Number(romeDateOf(now).slice(0, 4)),
      claim: {
        teamId: command.teamId,
        professionalId: command.professionalId,
        sourceViewId: command.sourceViewId,
        clientKey,
        input,
        status: initialStatus(verdict.kind),
        verdict,
        submittedAt: now,
        reviewDeadlineOn: sla?.deadline ?? null,
      },
      evidence,
      // An automatic approval queues its own messages and events below, and nothing waits to be reminded.
      notices: waits && sla ? sla.notices : [],
      messages: waits ? announcementsOf(id, command.professionalId, sla !== undefined, evidence.length > 0) : [],
      events: waits
        ? [
            { kind: 'submitted', actor: command.professionalId, at: now },
            {
              kind: 'evaluated',
              actor: null,
              at: now,
              details:
                verdict.kind === 'ineligible'
                  ? { verdict: 'ineligible', rule: verdict.rule }
                  : { verdict: 'to_review' },
            },
          ]
        : [],
    });
    if (automatic.kind === 'approve') {
      const approved = await approveAutomatically(trx, claim, automatic.proof, now, {
        copyEvidence: evidence.length > 0,
      });
      return { kind: 'stored', claim: approved, created: true };
    }
    return { kind: 'stored', claim, created: true };
  });
}

/** The Slack messages that announce a claim: to review (with its files) when it waits, the DM, the Homes. */
function announcementsOf(claimId: string, professionalId: string, toReview: boolean, withEvidence: boolean) {
  return [
    ...(toReview ? [{ claimId, kind: 'review_post' as const }] : []),
    ...(toReview && withEvidence ? [{ claimId, kind: 'evidence_copy' as const }] : []),
    { claimId, kind: 'submission_dm' as const },
    ...homeRefreshesFor(claimId, professionalId),
  ];
}

/**
 * The charges the policy may need for one claim: around the answer date for the match (±1 day, with
 * margin, and the days after, when a duplicate request may have been answered), back far enough to see
 * an earlier charge for the same lead (a later interaction that should never have been charged) and a
 * duplicate request answered twice.
 */
function ledgerWindowOf(input: ClaimInput): { chargesFrom: Date; chargesTo: Date } {
  return {
    chargesFrom: new Date(`${addDays(input.answeredOn, -60)}T00:00:00Z`),
    chargesTo: new Date(`${addDays(input.answeredOn, 10)}T00:00:00Z`),
  };
}
