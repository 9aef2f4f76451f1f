/** The policy's automatic approvals (AUTO_APPROVE): which cases the ledger proves on its own, the guards that withhold one, the reversal window. Pure. */
import type { AutoApproveCase, ClaimInput, Finding, FindingCode, Verdict } from './claim.ts';
import { checkReversalState, type ClaimStatus, type ReversalStateDeclined } from './claim-state.ts';
import { NO_DIFFERENCES, exceedsShare } from './ledger-rules.ts';

/**
 * What the marketplace's charges prove on their own, and when a person must look anyway. Three of the
 * policy's cases need no judgement once the ledger shows them:
 * - "Le successive interazioni con il medesimo cliente non comportano lo scalo dei crediti": the
 *   refunded charge has an earlier charge on the same lead (`later_interaction`), whatever the reason;
 * - "ti vengono scalati i crediti per entrambe": an "answered twice" claim with the duplicate charge in
 *   the ledger (`answered_twice`);
 * - "Se dovesse succedere una volta [...] ti rimborseremo": a "sent by mistake" claim matched to its
 *   charge, with no other mistake of the professional pending (`first_mistake`; one already refunded
 *   made the claim ineligible before it got here).
 * The guards keep a person in the loop where data alone is not enough, or where an error would cost.
 */

export interface AutoApprovalConfig {
  /** AUTO_APPROVE: the cases approved without a person; empty = none. */
  enabledCases: readonly AutoApproveCase[];
  /** REFUND_SHARE_WARNING_PERCENT: above it, a professional's claims go to a person. */
  maxRefundSharePercent: number;
  /** AUTO_APPROVE_MAX_PER_PROFESSIONAL: automatic approvals per professional in 30 days. */
  maxPerProfessional: number;
  /** AUTO_APPROVE_DAILY_CREDITS: automatic credits across everyone in one Rome day. */
  dailyCredits: number;
  /** AUTO_APPROVE_REVERSAL_DAYS: how long reviewers may undo an automatic approval. */
  reversalDays: number;
}

export const DEFAULT_AUTO_APPROVAL: AutoApprovalConfig = {
  enabledCases: [],
  maxRefundSharePercent: 20,
  maxPerProfessional: 1,
  dailyCredits: 200,
  reversalDays: 7,
};

/** What the guards need from the database, read under the locks that keep it true until the commit. */
export interface AutoApprovalContext {
  /** The claim was sent to review by contesting a refusal. */
  contested: boolean;
  /** Automatic approvals of this professional in the last 30 days (reversed ones included). */
  professionalApprovals30Days: number;
  /** Credits approved automatically today (Rome), across every professional. */
  creditsApprovedToday: number;
  /** The proven charge already has a credit entry (refunded, perhaps reversed, on another claim). */
  chargeRefundedBefore: boolean;
}

export type Guard =
  'match_differences' | 'contested' | 'charge_refunded_before' | 'refund_share' | 'professional_cap' | 'daily_cap';

/** The proof: the case and the charges it rests on. */
export interface Proof {
  case: AutoApproveCase;
  /** The charge refunded. */
  chargeId: string;
  /** The charge that shows the refunded one was not due (the first of a duplicate, the earlier interaction). */
  evidenceChargeId: string | null;
}

export type AutoApprovalDecision =
  | { kind: 'approve'; proof: Proof; finding: Finding }
  /** `finding` says which guard stopped a proven case; absent when no enabled case was proven. */
  | { kind: 'review'; finding?: Finding };

type ToReview = Extract<Verdict, { kind: 'to_review' }>;

const findingOf = (verdict: ToReview, code: FindingCode) => verdict.findings.find((f) => f.code === code);
const text = (value: string | number | undefined) => (value === undefined ? null : String(value));

/** The case the ledger proves for this claim, whether or not it is enabled; the first of the three wins. */
export function proveCase(input: Pick<ClaimInput, 'reason'>, verdict: Verdict): Proof | null {
  if (verdict.kind !== 'to_review' || verdict.matchedChargeId === undefined) return null;
  const chargeId = verdict.matchedChargeId;
  const later = findingOf(verdict, 'later_interaction_charged');
  if (later) return { case: 'later_interaction', chargeId, evidenceChargeId: text(later.params.earlierChargeId) };
  const duplicate = findingOf(verdict, 'duplicate_charges_found');
  if (input.reason === 'answered_twice' && duplicate) {
    return { case: 'answered_twice', chargeId, evidenceChargeId: text(duplicate.params.firstChargeId) };
  }
  if (input.reason === 'sent_by_mistake' && !findingOf(verdict, 'mistake_pending_elsewhere')) {
    return { case: 'first_mistake', chargeId, evidenceChargeId: null };
  }
  return null;
}

/** The enabled case the ledger proves, or null: only then are the guards (and their database reads) needed. */
export function findEnabledProof(
  input: Pick<ClaimInput, 'reason'>,
  verdict: Verdict,
  config: AutoApprovalConfig,
): Proof | null {
  const proof = proveCase(input, verdict);
  return proof && config.enabledCases.includes(proof.case) ? proof : null;
}

/**
 * "Approve automatically, because …" or "review, because …": the finding says which, for the review
 * channel. Guards in order: the match must be exact (or the charge chosen from the list), the claim not
 * contested, the charge never refunded before, the professional's refund share within the limit, their
 * automatic approvals and the day's automatic credits under their caps.
 */
export function decideAutoApproval(
  input: Pick<ClaimInput, 'reason' | 'credits'>,
  verdict: Verdict,
  context: AutoApprovalContext,
  config: AutoApprovalConfig,
): AutoApprovalDecision {
  const proof = findEnabledProof(input, verdict, config);
  if (!proof || verdict.kind !== 'to_review') return { kind: 'review' };
  const guard = firstGuard(input, verdict, context, config);
  if (guard) return { kind: 'review', finding: guard };
  return {
    kind: 'approve',
    proof,
    finding: {
      code: `auto_approved_${proof.case}`,
      level: 'ok',
      params: {
        chargeId: proof.chargeId,
        ...(proof.evidenceChargeId ? { evidenceChargeId: proof.evidenceChargeId } : {}),
      },
    },
  };
}

function firstGuard(
  input: Pick<ClaimInput, 'credits'>,
  verdict: ToReview,
  context: AutoApprovalContext,
  config: AutoApprovalConfig,
): Finding | null {
  const withheld = (guard: Guard, params: Finding['params'] = {}): Finding => ({
    code: `auto_withheld_${guard}`,
    level: 'warning',
    params,
  });
  const match = findingOf(verdict, 'ledger_match');
  if (verdict.chargeChosen !== true && (!match || match.params.differences !== NO_DIFFERENCES)) {
    return withheld('match_differences');
  }
  if (context.contested) return withheld('contested');
  // A charge refunded once (or refunded and reversed by a reviewer) is never paid again without a person.
  if (context.chargeRefundedBefore) return withheld('charge_refunded_before');
  const share = findingOf(verdict, 'refund_share');
  const refunded = Number(share?.params.creditsRefunded ?? 0);
  const charged = Number(share?.params.creditsCharged ?? 0);
  if (exceedsShare(refunded, charged, config.maxRefundSharePercent)) {
    return withheld('refund_share', {
      share: Number(share?.params.share ?? 0),
      maxShare: config.maxRefundSharePercent,
    });
  }
  if (context.professionalApprovals30Days >= config.maxPerProfessional) {
    return withheld('professional_cap', { count: context.professionalApprovals30Days, max: config.maxPerProfessional });
  }
  if (context.creditsApprovedToday + input.credits > config.dailyCredits) {
    return withheld('daily_cap', {
      today: context.creditsApprovedToday,
      credits: input.credits,
      max: config.dailyCredits,
    });
  }
  return null;
}

/** The last instant an automatic approval may be reversed (`reversalDays` × 24 hours after it). */
export function reversalDeadline(approvedAt: Date, config: Pick<AutoApprovalConfig, 'reversalDays'>): Date {
  return new Date(approvedAt.getTime() + config.reversalDays * 86_400_000);
}

export type ReversalRefusal = ReversalStateDeclined | 'window_closed';

/** Only a standing automatic approval, inside its window, can be reversed. Who clicks is checked by the caller. */
export function checkReversible(
  claim: { status: ClaimStatus; autoApprovedCase: AutoApproveCase | null; decidedAt: Date | null },
  now: Date,
  config: Pick<AutoApprovalConfig, 'reversalDays'>,
): ReversalRefusal | null {
  const refusal = checkReversalState(claim);
  if (refusal || claim.decidedAt === null) return refusal ?? 'not_automatic';
  if (now.getTime() > reversalDeadline(claim.decidedAt, config).getTime()) return 'window_closed';
  return null;
}
