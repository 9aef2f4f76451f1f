import { describe, expect, it } from 'vitest';
import {
  CLAIM_STATUSES,
  STATUS_EMOJI,
  TRANSITIONS,
  canBeContested,
  canTransition,
  initialStatus,
  isDecided,
  isFinal,
  isPending,
  isRefundStanding,
  isReversed,
  refundedChargeId,
  checkClaimantAction,
  checkReviewerAction,
  wasRefunded,
  type ClaimFacts,
  type ClaimStatus,
  type Transition,
} from '../../src/domain/claim-state.ts';

const CLAIMANT = 'U_PRO';
const REVIEWER = { userId: 'U_REVIEWER', isReviewer: true };
const OUTSIDER = { userId: 'U_OTHER', isReviewer: false };
const decidedAt = new Date('2026-11-20T10:00:00Z');

function claimIn(status: ClaimStatus, overrides: Partial<ClaimFacts> = {}): ClaimFacts {
  return { status, professionalId: CLAIMANT, autoApprovedCase: null, decidedAt: null, contest: null, ...overrides };
}

/** Every status against every predicate: one row per status, written out so a new status must be placed. */
const EXPECTED: Record<
  ClaimStatus,
  { pending: boolean; decided: boolean; standing: boolean; refunded: boolean; reversed: boolean; final: boolean }
> = {
  pending_review: { pending: true, decided: false, standing: false, refunded: false, reversed: false, final: false },
  approved: { pending: false, decided: true, standing: true, refunded: true, reversed: false, final: false },
  rejected: { pending: false, decided: true, standing: false, refunded: false, reversed: false, final: true },
  ineligible: { pending: false, decided: false, standing: false, refunded: false, reversed: false, final: false },
  reversed: { pending: false, decided: false, standing: false, refunded: true, reversed: true, final: true },
};

describe('the statuses a claim can be in', () => {
  it.each(CLAIM_STATUSES)('%s answers the questions the rest of the code asks', (status) => {
    const claim = { status };
    expect({
      pending: isPending(claim),
      decided: isDecided(claim),
      standing: isRefundStanding(claim),
      refunded: wasRefunded(claim),
      reversed: isReversed(claim),
      final: isFinal(status),
    }).toEqual(EXPECTED[status]);
  });

  it('every status has its own emoji', () => {
    const emoji = CLAIM_STATUSES.map((status) => STATUS_EMOJI[status]);
    expect(emoji.every((e) => e.length > 0)).toBe(true);
    expect(new Set(emoji).size).toBe(CLAIM_STATUSES.length);
  });

  it('a claim starts pending when it goes to review, ineligible when the policy refused it', () => {
    expect(initialStatus('to_review')).toBe('pending_review');
    expect(initialStatus('ineligible')).toBe('ineligible');
  });
});

describe('the moves between statuses', () => {
  const allowed: Record<Transition, Array<[ClaimStatus, ClaimStatus]>> = {
    decide: [
      ['pending_review', 'approved'],
      ['pending_review', 'rejected'],
    ],
    approve_automatically: [['pending_review', 'approved']],
    reverse: [['approved', 'reversed']],
    contest: [['ineligible', 'pending_review']],
  };
  const everyMove = (Object.keys(TRANSITIONS) as Transition[]).flatMap((transition) =>
    CLAIM_STATUSES.flatMap((from) => CLAIM_STATUSES.map((to) => ({ transition, from, to }))),
  );

  it.each(everyMove)('$transition from $from to $to', ({ transition, from, to }) => {
    const expected = allowed[transition].some(([f, t]) => f === from && t === to);
    expect(canTransition(transition, from, to)).toBe(expected);
  });
});

describe('who may act on a claim as a reviewer, and why not', () => {
  const reviewActions = ['decide', 'take', 'ask_info'] as const;
  const cases = reviewActions.flatMap((action) => CLAIM_STATUSES.map((status) => ({ action, status })));

  it.each(cases)('$action on a $status claim', ({ action, status }) => {
    const claim = claimIn(status);
    const expected = status === 'pending_review' ? null : 'already_decided';
    expect(checkReviewerAction(action, claim, REVIEWER)).toBe(expected);
    // The claim's state answers first, whoever clicks: the answer names who decided.
    expect(checkReviewerAction(action, claim, { userId: CLAIMANT, isReviewer: true })).toBe(expected ?? 'own_claim');
    expect(checkReviewerAction(action, claim, OUTSIDER)).toBe(expected ?? 'not_reviewer');
  });

  const automatic = { autoApprovedCase: 'first_mistake', decidedAt };
  it.each<{ status: ClaimStatus; overrides: Partial<ClaimFacts>; expected: string | null }>([
    { status: 'approved', overrides: automatic, expected: null },
    { status: 'approved', overrides: { decidedAt }, expected: 'not_automatic' },
    { status: 'pending_review', overrides: {}, expected: 'not_automatic' },
    { status: 'rejected', overrides: { decidedAt }, expected: 'not_automatic' },
    { status: 'ineligible', overrides: {}, expected: 'not_automatic' },
    { status: 'reversed', overrides: automatic, expected: 'already_reversed' },
  ])('reverse on a $status claim: $expected', ({ status, overrides, expected }) => {
    expect(checkReviewerAction('reverse', claimIn(status, overrides), REVIEWER)).toBe(expected);
  });

  it.each(CLAIM_STATUSES)('the claimant never reverses their own %s claim, nor does a non-reviewer', (status) => {
    const claim = claimIn(status, automatic);
    expect(checkReviewerAction('reverse', claim, { userId: CLAIMANT, isReviewer: true })).toBe('own_claim');
    expect(checkReviewerAction('reverse', claim, OUTSIDER)).toBe('not_reviewer');
  });
});

describe('what the professional may do on their own claim', () => {
  it.each(CLAIM_STATUSES)('contest a %s claim', (status) => {
    const expected = status === 'ineligible' ? null : 'not_ineligible';
    expect(checkClaimantAction('contest', claimIn(status), CLAIMANT)).toBe(expected);
    expect(canBeContested(claimIn(status))).toBe(expected === null);
    expect(checkClaimantAction('contest', claimIn(status), 'U_SOMEONE_ELSE')).toBe('not_yours');
  });

  it.each(CLAIM_STATUSES)('contest a %s claim already contested once', (status) => {
    const contested = claimIn(status, { contest: { at: decidedAt } });
    expect(checkClaimantAction('contest', contested, CLAIMANT)).toBe('already_contested');
    expect(canBeContested(contested)).toBe(false);
  });

  it.each(CLAIM_STATUSES)('answer a question on a %s claim: only the claimant', (status) => {
    expect(checkClaimantAction('answer_question', claimIn(status), CLAIMANT)).toBeNull();
    expect(checkClaimantAction('answer_question', claimIn(status), REVIEWER.userId)).toBe('not_yours');
  });
});

describe('the charge a refund is for', () => {
  it('is the charge the policy matched or the professional picked', () => {
    expect(refundedChargeId({ verdict: { kind: 'to_review', matchedChargeId: 'ch-1' } })).toBe('ch-1');
  });
  it('is none when no charge was matched, or the claim was ineligible', () => {
    expect(refundedChargeId({ verdict: { kind: 'to_review' } })).toBeNull();
    expect(refundedChargeId({ verdict: { kind: 'ineligible' } })).toBeNull();
  });
});
