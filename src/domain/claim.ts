/** The claim as the rest of the code sees it: no Slack shapes, no row types. */
import type { ClaimStatus } from './claim-state.ts';

/** The five refundable cases of the policy, in the article's order. */
export const REASONS = ['no_grazie', 'details_changed', 'answered_twice', 'terms_violated', 'sent_by_mistake'] as const;
export type Reason = (typeof REASONS)[number];

/** Reasons whose case cannot be judged without the professional's own words. */
export const REASONS_NEEDING_DESCRIPTION: readonly Reason[] = ['details_changed', 'terms_violated'];

/** A calendar date in Europe/Rome, `YYYY-MM-DD`. */
export type IsoDate = string;

/** What the professional filled in, already validated by the modal parser. */
export interface ClaimInput {
  clientFirstName: string;
  clientLastName: string;
  clientPhone: string | null;
  service: string;
  /** Date of the professional's answer to the lead. */
  answeredOn: IsoDate;
  /** Date the request (lead) was received; optional in the form. */
  receivedOn: IsoDate | null;
  credits: number;
  reason: Reason;
  description: string | null;
  /**
   * The ledger charge the professional picked from the modal's list, when they did: the other fields
   * were filled from it, and the claim is matched to it rather than searched for.
   */
  chosenChargeId?: string | null;
}

/** An earlier claim of the same professional, as far as the policy needs to know it. */
export interface PriorClaim {
  reference: string;
  reason: Reason;
  status: ClaimStatus;
  clientFirstName: string;
  clientLastName: string;
  answeredOn: IsoDate;
}

export type IneligibleRule =
  | 'window_expired'
  | 'description_required'
  | 'mistake_already_refunded'
  | 'duplicate_claim'
  | 'credits_out_of_range'
  | 'no_matching_charge'
  | 'credits_exceed_charge';

/**
 * Rules a corrected form can satisfy: the modal shows them as field errors and nothing is stored.
 * The others (day 31 from the ledger's lead, a second mistake after one refunded, the same claim
 * twice) stand whatever the professional types, and make the claim ineligible.
 */
export const CORRECTABLE_RULES: readonly IneligibleRule[] = [
  'credits_out_of_range',
  'description_required',
  'no_matching_charge',
  'credits_exceed_charge',
];

export function isCorrectable(rule: IneligibleRule): boolean {
  return CORRECTABLE_RULES.includes(rule);
}

export type FindingCode =
  | 'window_ok'
  | 'window_ok_from_answer'
  | 'reason_no_grazie'
  | 'reason_details_changed'
  | 'reason_answered_twice'
  | 'reason_terms_violated'
  | 'reason_sent_by_mistake'
  | 'mistake_pending_elsewhere'
  | 'credits_unverified'
  | 'refund_as_credits'
  | 'window_ok_from_ledger'
  | 'ledger_match'
  | 'ledger_chosen'
  | 'ledger_missing'
  | 'duplicate_charges_found'
  | 'duplicate_charges_missing'
  | 'later_interaction_charged'
  | 'refund_share'
  | 'auto_approved_answered_twice'
  | 'auto_approved_later_interaction'
  | 'auto_approved_first_mistake'
  | 'auto_withheld_match_differences'
  | 'auto_withheld_contested'
  | 'auto_withheld_refund_share'
  | 'auto_withheld_professional_cap'
  | 'auto_withheld_daily_cap'
  | 'auto_withheld_charge_refunded_before';

export interface Finding {
  code: FindingCode;
  level: 'ok' | 'warning' | 'info';
  /** Values the message catalog interpolates (dates, references, counts). */
  params: Record<string, string | number>;
}

export type Verdict =
  | { kind: 'ineligible'; rule: IneligibleRule; params: Record<string, string | number> }
  | {
      kind: 'to_review';
      findings: Finding[];
      /** The ledger charge the refund is for, when the professional's charges were checked. */
      matchedChargeId?: string;
      /** True when the professional picked the charge from the modal's list (it is then the proof). */
      chargeChosen?: boolean;
    };

export interface PolicyConfig {
  /** Calendar days (Europe/Rome) from the request received, the last one included. */
  windowDays: number;
  maxCreditsPerClaim: number;
  /** REFUND_SHARE_WARNING_PERCENT: a refund share over 90 days above it is flagged (default 20). */
  refundShareWarningPercent?: number;
}

/** Peers cap refund claims at a share of the leads bought (Rated People: 20% over 3 months). */
export const DEFAULT_REFUND_SHARE_WARNING_PERCENT = 20;

export const DEFAULT_POLICY: PolicyConfig = {
  windowDays: 30,
  maxCreditsPerClaim: 100,
  refundShareWarningPercent: DEFAULT_REFUND_SHARE_WARNING_PERCENT,
};

/**
 * At most `max` claims waiting for a decision per professional: one more is refused in the form,
 * naming the pending ones. Null when the new claim fits.
 */
export function checkPendingLimit(
  pendingReferences: readonly string[],
  max: number,
): { pending: string[]; max: number } | null {
  return pendingReferences.length < max ? null : { pending: [...pendingReferences], max };
}

/** A stored claim, as the use cases and builders see it. */
export interface Claim extends ClaimInput {
  id: string;
  reference: string;
  professionalId: string;
  teamId: string;
  status: ClaimStatus;
  verdict: Verdict;
  submittedAt: Date;
  reviewDeadlineOn: IsoDate | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  reviewChannelId: string | null;
  reviewMessageTs: string | null;
  /** The reviewer who took the claim ("Prendi in carico"), if any. */
  assignedTo: string | null;
  /** Set when the policy approved the claim at submission: the case the ledger proved. */
  autoApprovedCase: AutoApproveCase | null;
  /** Who reversed an automatic approval, when, and why (the professional reads the reason). */
  reversal: { by: string; at: Date; reason: string } | null;
  /** "Chiedi una verifica": when an ineligible claim was sent to the team anyway, and why. */
  contest?: { at: Date; reason: string } | null;
}

/** The policy's cases that the marketplace's charges prove on their own (AUTO_APPROVE). */
export const AUTO_APPROVE_CASES = ['answered_twice', 'later_interaction', 'first_mistake'] as const;
export type AutoApproveCase = (typeof AUTO_APPROVE_CASES)[number];

/** The audit's actor (and `decidedBy`) of a claim the policy approved on its own. */
export const POLICY_ACTOR = 'policy';
