/**
 * Use case, part of submit-claim.ts: the policy's automatic approval (AUTO_APPROVE). Inside the submission's
 * transaction it decides whether a proven case is approved without review, under the global lock of automatic
 * approvals so the guards' counts hold, then records the credit entry, the audit and the queued messages.
 */
import {
  decideAutoApproval,
  findEnabledProof,
  type AutoApprovalConfig,
  type AutoApprovalDecision,
  type Proof,
} from '../domain/auto-approval.ts';
import { POLICY_ACTOR, type Claim, type ClaimInput, type Verdict } from '../domain/claim.ts';
import { addDays, romeDateOf, romeInstant } from '../domain/rome-calendar.ts';
import { recordClaimEvent } from '../db/audit.repository.ts';
import {
  countAutomaticApprovalsSince,
  isChargeRefunded,
  lockAutomaticApprovals,
  recordAutomaticApproval,
  sumAutomaticCreditsBetween,
} from '../db/auto-approval.repository.ts';
import { recordCreditEntry } from '../db/credit-entry.repository.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import { homeRefreshesFor } from './home-refreshes.ts';
import type { Trx } from '../db/database.ts';

const DAY_MS = 86_400_000;

/**
 * Whether the policy approves this claim on its own (AUTO_APPROVE). Runs inside the submission's
 * transaction, under the professional's lock; when an enabled case is proven it also takes the global
 * lock of automatic approvals, so the counts the guards read stay true until the commit.
 */
export async function judgeAutomatically(
  trx: Trx,
  config: AutoApprovalConfig | undefined,
  claim: { professionalId: string; input: ClaimInput; verdict: Verdict; now: Date },
): Promise<AutoApprovalDecision> {
  const proof = config ? findEnabledProof(claim.input, claim.verdict, config) : null;
  if (!config || !proof) return { kind: 'review' };
  await lockAutomaticApprovals(trx);
  const today = romeDateOf(claim.now);
  const [professionalApprovals30Days, creditsApprovedToday, chargeRefundedBefore] = await Promise.all([
    countAutomaticApprovalsSince(trx, claim.professionalId, new Date(claim.now.getTime() - 30 * DAY_MS)),
    sumAutomaticCreditsBetween(trx, romeInstant(today, 0), romeInstant(addDays(today, 1), 0)),
    isChargeRefunded(trx, proof.chargeId),
  ]);
  // A contested claim reaches review through the contest, never through a submission.
  const context = { contested: false, professionalApprovals30Days, creditsApprovedToday, chargeRefundedBefore };
  return decideAutoApproval(claim.input, claim.verdict, context, config);
}

/** The verdict as stored: with the finding that says why the claim was, or was not, approved automatically. */
export function withAutoApprovalFinding(verdict: Verdict, decision: AutoApprovalDecision): Verdict {
  if (verdict.kind !== 'to_review' || !decision.finding) return verdict;
  return { ...verdict, findings: [...verdict.findings, decision.finding] };
}

/**
 * The policy's approval of a just-stored claim, in the submission's transaction: the status (decided by
 * the policy), one credit entry for the proven charge, the signed webhook, the professional's DM and the
 * audit message in the review channel, all queued with it; no reminders, since nothing waits.
 */
export async function approveAutomatically(
  trx: Trx,
  pending: Claim,
  proof: Proof,
  now: Date,
  options: { copyEvidence?: boolean } = {},
): Promise<Claim> {
  const claim = await recordAutomaticApproval(trx, { claimId: pending.id, autoCase: proof.case, at: now });
  if (!claim) throw new Error(`claim ${pending.reference} was no longer pending in its own submission`);
  await recordCreditEntry(trx, {
    claimId: claim.id,
    professionalId: claim.professionalId,
    chargeId: proof.chargeId,
    credits: claim.credits,
    at: now,
  });
  await enqueueMessages(
    trx,
    [
      { claimId: claim.id, kind: 'review_post' },
      // The professional's files go to the audit message's thread, as for any claim.
      ...(options.copyEvidence ? [{ claimId: claim.id, kind: 'evidence_copy' as const }] : []),
      { claimId: claim.id, kind: 'decision_dm' },
      { claimId: claim.id, kind: 'refund_webhook' },
      ...homeRefreshesFor(claim.id, claim.professionalId),
    ],
    now,
  );
  await recordClaimEvent(trx, { claimId: claim.id, kind: 'submitted', actor: claim.professionalId, at: now });
  await recordClaimEvent(trx, {
    claimId: claim.id,
    kind: 'evaluated',
    actor: null,
    at: now,
    details: { verdict: 'to_review' },
  });
  await recordClaimEvent(trx, {
    claimId: claim.id,
    kind: 'decided',
    actor: POLICY_ACTOR,
    at: now,
    details: {
      decision: 'approved',
      automatic: true,
      case: proof.case,
      chargeId: proof.chargeId,
      evidenceChargeId: proof.evidenceChargeId,
    },
  });
  return claim;
}
