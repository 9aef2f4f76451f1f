/**
 * A claim's state in one place: its statuses, the moves between them, who may act on a claim and why
 * not, and the questions the rest of the code asks of a status ("pending?", "decided?", "the charge a
 * refund is for"). Pure: repositories build their compare-and-set from these constants, use cases and
 * the deliverer ask these predicates, builders show what `STATUS_EMOJI` says.
 *
 * Adding a status: add it to `CLAIM_STATUSES`, give it its moves in `TRANSITIONS` and its emoji, add
 * one migration if the database constrains the column, then the places that show it (the compiler
 * lists the `switch`es over `ClaimStatus`).
 */

/**
 * `reversed`: an automatic approval a reviewer undid ("Annulla rimborso"), credits taken back. A status
 * of its own, not a flag on `approved`, so nothing that reads "approved" (the Home, /rimborso stato,
 * the one-refunded-mistake rule, the same-claim-twice rule) mistakes it for a refund that stands.
 */
export const CLAIM_STATUSES = ['pending_review', 'approved', 'rejected', 'ineligible', 'reversed'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Where every claim a person must look at waits: the status each reviewer's action compares and sets against. */
export const PENDING_REVIEW = 'pending_review' satisfies ClaimStatus;
/** A refund that stands: the credits went back and were not taken back. */
export const APPROVED = 'approved' satisfies ClaimStatus;
/** The policy refused it at submission; "Chiedi una verifica" may still send it to a person. */
export const INELIGIBLE = 'ineligible' satisfies ClaimStatus;
/** An automatic approval a reviewer undid. */
export const REVERSED = 'reversed' satisfies ClaimStatus;

/** What a reviewer's decision (a click on Approva/Rifiuta) sets. */
export const REVIEW_DECISIONS = ['approved', 'rejected'] as const satisfies readonly ClaimStatus[];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Statuses in which a claim still "occupies" its client + answer date (the same claim twice). */
export const OPEN_OR_APPROVED: readonly ClaimStatus[] = ['pending_review', 'approved'];

/** Statuses of a claim whose credits were given back at some point (a reversal follows an approval). */
export const REFUNDED_ONCE: readonly ClaimStatus[] = ['approved', 'reversed'];

/** Every move a claim can make, by what makes it. Anything not listed here never happens. */
export const TRANSITIONS = {
  /** A reviewer approves or rejects. */
  decide: { from: ['pending_review'], to: REVIEW_DECISIONS },
  /** The policy approves at submission a case the ledger proves (AUTO_APPROVE). */
  approve_automatically: { from: ['pending_review'], to: ['approved'] },
  /** A reviewer undoes an automatic approval inside its window. */
  reverse: { from: ['approved'], to: ['reversed'] },
  /** The professional asks a person to look at an ineligible claim. */
  contest: { from: ['ineligible'], to: ['pending_review'] },
} as const satisfies Record<string, { from: readonly ClaimStatus[]; to: readonly ClaimStatus[] }>;
export type Transition = keyof typeof TRANSITIONS;

/** The statuses a claim can be stored with at submission: the verdict decides which. */
export function initialStatus(verdictKind: 'to_review' | 'ineligible'): ClaimStatus {
  return verdictKind === 'to_review' ? PENDING_REVIEW : INELIGIBLE;
}

/** Whether `transition` may take a claim from `from` to `to`. */
export function canTransition(transition: Transition, from: ClaimStatus, to: ClaimStatus): boolean {
  const move: { from: readonly ClaimStatus[]; to: readonly ClaimStatus[] } = TRANSITIONS[transition];
  return move.from.includes(from) && move.to.includes(to);
}

/** Statuses no move leaves: the claim's story is over. */
export function isFinal(status: ClaimStatus): boolean {
  return !Object.values(TRANSITIONS).some((move: { from: readonly ClaimStatus[] }) => move.from.includes(status));
}

/** Waiting for a person: the buttons, reminders and the reviewer's Home are for these claims only. */
export function isPending(claim: { status: ClaimStatus }): boolean {
  return claim.status === PENDING_REVIEW;
}

/** Decided by a reviewer's click or the policy's approval: there is a decision to tell the professional. */
export function isDecided(claim: { status: ClaimStatus }): boolean {
  return (REVIEW_DECISIONS as readonly ClaimStatus[]).includes(claim.status);
}

/** The refund stands: approved and not reversed. */
export function isRefundStanding(claim: { status: ClaimStatus }): boolean {
  return claim.status === APPROVED;
}

/** The credits went back at some point (the marketplace hears of an approval even after its reversal). */
export function wasRefunded(claim: { status: ClaimStatus }): boolean {
  return REFUNDED_ONCE.includes(claim.status);
}

export function isReversed(claim: { status: ClaimStatus }): boolean {
  return claim.status === REVERSED;
}

/** The ledger charge a refund is for: the one the policy matched or the professional picked, if any. */
export function refundedChargeId(claim: {
  verdict: { kind: 'to_review'; matchedChargeId?: string } | { kind: 'ineligible' };
}): string | null {
  return claim.verdict.kind === 'to_review' ? (claim.verdict.matchedChargeId ?? null) : null;
}

/** How each status shows, before its words, on the professional's Home and in /rimborso stato. */
export const STATUS_EMOJI: Record<ClaimStatus, string> = {
  pending_review: '⏳',
  approved: '✅',
  rejected: '❌',
  ineligible: '🚫',
  reversed: '↩️',
};

/** What a reviewer does on a claim from the review message. */
export type ReviewerAction = 'decide' | 'take' | 'ask_info' | 'reverse';
/** What the professional does on their own claim. */
export type ClaimantAction = 'contest' | 'answer_question';

/** Who clicks, as far as the rules care: read from Slack by the caller, never from the button. */
export interface Actor {
  userId: string;
  isReviewer: boolean;
}

/** The facts of a claim the rules of who may act read. */
export interface ClaimFacts {
  status: ClaimStatus;
  professionalId: string;
  autoApprovedCase: string | null;
  decidedAt: Date | null;
  contest?: { at: Date } | null;
}

/** What a reviewer's click on a pending claim's buttons (decide, take, ask) may be declined for. */
export type ReviewDeclined = 'already_decided' | 'own_claim' | 'not_reviewer';
export type ReversalStateDeclined = 'already_reversed' | 'not_automatic';
/** What "Annulla rimborso" may be declined for, before its window is looked at. */
export type ReversalDeclined = 'own_claim' | 'not_reviewer' | ReversalStateDeclined;

/**
 * Why `actor` may not do `action` on this claim now; null when they may. The claimant never acts as a
 * reviewer on their own claim, only reviewers act, and a decided claim stays decided. A reversal acts
 * on an automatic approval that stands (its window is the auto-approval policy's: `checkReversible`).
 */
export function checkReviewerAction(
  action: Exclude<ReviewerAction, 'reverse'>,
  claim: ClaimFacts,
  actor: Actor,
): ReviewDeclined | null;
export function checkReviewerAction(action: 'reverse', claim: ClaimFacts, actor: Actor): ReversalDeclined | null;
export function checkReviewerAction(
  action: ReviewerAction,
  claim: ClaimFacts,
  actor: Actor,
): ReviewDeclined | ReversalDeclined | null {
  // The state first for a reviewer's click: its answer names who decided, whoever clicks.
  if (action !== 'reverse' && !isPending(claim)) return 'already_decided';
  if (claim.professionalId === actor.userId) return 'own_claim';
  if (!actor.isReviewer) return 'not_reviewer';
  return action === 'reverse' ? checkReversalState(claim) : null;
}

/** Only a standing automatic approval can be reversed. */
export function checkReversalState(
  claim: Pick<ClaimFacts, 'status' | 'autoApprovedCase' | 'decidedAt'>,
): ReversalStateDeclined | null {
  if (isReversed(claim)) return 'already_reversed';
  if (!isRefundStanding(claim) || claim.autoApprovedCase === null || claim.decidedAt === null) return 'not_automatic';
  return null;
}

export type ClaimantDeclined = 'not_yours' | 'already_contested' | 'not_ineligible';

/**
 * Why `userId` may not do `action` on this claim now; null when they may. Only the claimant acts on
 * their claim; a contest is once per claim, on a claim the policy refused.
 */
export function checkClaimantAction(
  action: ClaimantAction,
  claim: Pick<ClaimFacts, 'status' | 'professionalId' | 'contest'>,
  userId: string,
): ClaimantDeclined | null {
  if (claim.professionalId !== userId) return 'not_yours';
  if (action === 'answer_question') return null;
  if (claim.contest) return 'already_contested';
  if (claim.status !== INELIGIBLE) return 'not_ineligible';
  return null;
}

/** The contest button is offered on an ineligible claim never contested. */
export function canBeContested(claim: Pick<ClaimFacts, 'status' | 'contest'>): boolean {
  return claim.status === INELIGIBLE && !claim.contest;
}
