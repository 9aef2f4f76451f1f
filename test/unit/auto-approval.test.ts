import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AUTO_APPROVAL,
  checkReversible,
  decideAutoApproval,
  proveCase,
  type AutoApprovalConfig,
  type AutoApprovalContext,
} from '../../src/domain/auto-approval.ts';
import {
  AUTO_APPROVE_CASES,
  type ClaimInput,
  type PolicyConfig,
  type PriorClaim,
  type Verdict,
} from '../../src/domain/claim.ts';
import type { Charge, LedgerView } from '../../src/domain/ledger.ts';
import { evaluateClaim } from '../../src/domain/policy.ts';
import { t } from '../../src/i18n/messages.ts';
import { describeFinding } from '../../src/slack/messages/verdict-text.ts';
import { buildCharge, buildClaimInput, buildLedger } from '../support/factories.ts';

/** 11:00 in Rome on 24 November 2026. */
const NOW = new Date('2026-11-24T10:00:00Z');
const POLICY: PolicyConfig = { windowDays: 30, maxCreditsPerClaim: 100, refundShareWarningPercent: 20 };
const ALL: AutoApprovalConfig = { ...DEFAULT_AUTO_APPROVAL, enabledCases: AUTO_APPROVE_CASES };
const QUIET: AutoApprovalContext = {
  contested: false,
  professionalApprovals30Days: 0,
  creditsApprovedToday: 0,
  chargeRefundedBefore: false,
};

/** The ledger pictures behind each case, as the policy reads them. */
const duplicate = [
  buildCharge({ chargeId: 'CH-FIRST' }),
  buildCharge({ chargeId: 'CH-SECOND', leadId: 'L-2', chargedAt: new Date('2026-11-12T15:00:00Z') }),
];
const laterInteraction = [
  buildCharge({ chargeId: 'CH-EARLIER', chargedAt: new Date('2026-11-12T09:00:00Z') }),
  buildCharge({ chargeId: 'CH-LATER', trigger: 'client_chat' }),
];
const SCENES = {
  answered_twice: {
    input: { reason: 'answered_twice' },
    charges: duplicate,
    chargeId: 'CH-SECOND',
    evidence: 'CH-FIRST',
  },
  later_interaction: {
    input: { reason: 'no_grazie' },
    charges: laterInteraction,
    chargeId: 'CH-LATER',
    evidence: 'CH-EARLIER',
  },
  first_mistake: { input: { reason: 'sent_by_mistake' }, charges: [buildCharge()], chargeId: 'CH-1', evidence: null },
} as const;

function verdictFor(
  input: Partial<ClaimInput>,
  charges: readonly Charge[],
  options: { priors?: PriorClaim[]; last90Days?: LedgerView['last90Days'] } = {},
): Verdict {
  return evaluateClaim(
    buildClaimInput(input),
    options.priors ?? [],
    POLICY,
    NOW,
    buildLedger(charges, options.last90Days ? { last90Days: options.last90Days } : {}),
  );
}

describe('proveCase: what the ledger proves on its own', () => {
  it.each(AUTO_APPROVE_CASES.map((autoCase) => ({ autoCase, ...SCENES[autoCase] })))(
    '$autoCase is proven, refunding $chargeId on the evidence of $evidence',
    ({ autoCase, input, charges, chargeId, evidence }) => {
      expect(proveCase(input, verdictFor(input, charges))).toEqual({
        case: autoCase,
        chargeId,
        evidenceChargeId: evidence,
      });
    },
  );

  it.each<{ case: string; input: Partial<ClaimInput>; charges: Charge[]; priors?: PriorClaim[] }>([
    { case: '"answered twice" with a single charge', input: { reason: 'answered_twice' }, charges: [buildCharge()] },
    { case: '"no, grazie" on a single charge', input: { reason: 'no_grazie' }, charges: [buildCharge()] },
    {
      case: 'a mistake while another mistake is pending',
      input: { reason: 'sent_by_mistake' },
      charges: [buildCharge()],
      priors: [
        {
          reference: 'RIM-1',
          reason: 'sent_by_mistake',
          status: 'pending_review',
          clientFirstName: 'Luca',
          clientLastName: 'Verdi',
          answeredOn: '2026-11-01',
        },
      ],
    },
  ])('nothing is proven for $case', ({ input, charges, priors }) => {
    const verdict = verdictFor(input, charges, { priors });
    expect(verdict.kind).toBe('to_review');
    expect(proveCase(buildClaimInput(input), verdict)).toBeNull();
  });

  it('nothing is proven without ledger data, or for an ineligible claim', () => {
    const input = buildClaimInput({ reason: 'sent_by_mistake' });
    expect(proveCase(input, evaluateClaim(input, [], POLICY, NOW))).toBeNull();
    expect(proveCase(input, verdictFor({ reason: 'sent_by_mistake', credits: 9 }, [buildCharge()]))).toBeNull();
  });

  it('a later interaction wins over the reason given', () => {
    const input = { reason: 'sent_by_mistake' } as const;
    expect(proveCase(input, verdictFor(input, laterInteraction))?.case).toBe('later_interaction');
  });
});

describe('decideAutoApproval: each enabled case is approved, because …', () => {
  it.each(AUTO_APPROVE_CASES.map((autoCase) => ({ autoCase, ...SCENES[autoCase] })))(
    '$autoCase: approve, with the charges in the finding',
    ({ autoCase, input, charges, chargeId, evidence }) => {
      const decision = decideAutoApproval({ ...input, credits: 5 }, verdictFor(input, charges), QUIET, ALL);
      expect(decision).toEqual({
        kind: 'approve',
        proof: { case: autoCase, chargeId, evidenceChargeId: evidence },
        finding: {
          code: `auto_approved_${autoCase}`,
          level: 'ok',
          params: evidence ? { chargeId, evidenceChargeId: evidence } : { chargeId },
        },
      });
      const text = describeFinding(
        decision.kind === 'approve' ? decision.finding : { code: 'refund_as_credits', level: 'info', params: {} },
        'it',
      );
      expect(text).toContain(chargeId);
      expect(text).not.toMatch(/\{\w+\}/);
    },
  );

  it.each(AUTO_APPROVE_CASES.map((autoCase) => ({ autoCase, ...SCENES[autoCase] })))(
    '$autoCase is never automatic when only the other cases are enabled (no finding)',
    ({ autoCase, input, charges }) => {
      const others = { ...ALL, enabledCases: AUTO_APPROVE_CASES.filter((c) => c !== autoCase) };
      expect(decideAutoApproval({ ...input, credits: 5 }, verdictFor(input, charges), QUIET, others)).toEqual({
        kind: 'review',
      });
      expect(
        decideAutoApproval({ ...input, credits: 5 }, verdictFor(input, charges), QUIET, DEFAULT_AUTO_APPROVAL),
      ).toEqual({ kind: 'review' });
    },
  );
});

describe('decideAutoApproval: each guard sends a proven case to review, because …', () => {
  const mistake = { reason: 'sent_by_mistake', credits: 5 } as const;
  const proven = verdictFor(mistake, [buildCharge()]);
  const config = { ...ALL, maxRefundSharePercent: 20, maxPerProfessional: 1, dailyCredits: 200 };

  it.each<{
    guard: string;
    verdict: Verdict;
    context?: Partial<AutoApprovalContext>;
    credits?: number;
    params: Record<string, number>;
  }>([
    { guard: 'match_differences', verdict: verdictFor(mistake, [buildCharge({ clientFirstName: 'M.' })]), params: {} },
    {
      guard: 'match_differences',
      verdict: verdictFor(mistake, [buildCharge({ service: 'Imbiancatura interni' })]),
      params: {},
    },
    { guard: 'contested', verdict: proven, context: { contested: true }, params: {} },
    { guard: 'charge_refunded_before', verdict: proven, context: { chargeRefundedBefore: true }, params: {} },
    {
      guard: 'refund_share',
      verdict: verdictFor(mistake, [buildCharge()], {
        last90Days: { refunds: 3, creditsRefunded: 21, creditsCharged: 100 },
      }),
      params: { share: 21, maxShare: 20 },
    },
    {
      guard: 'professional_cap',
      verdict: proven,
      context: { professionalApprovals30Days: 1 },
      params: { count: 1, max: 1 },
    },
    {
      guard: 'daily_cap',
      verdict: proven,
      context: { creditsApprovedToday: 196 },
      params: { today: 196, credits: 5, max: 200 },
    },
  ])('$guard', ({ guard, verdict, context, params }) => {
    const decision = decideAutoApproval(mistake, verdict, { ...QUIET, ...context }, config);
    expect(decision).toEqual({ kind: 'review', finding: { code: `auto_withheld_${guard}`, level: 'warning', params } });
    const text = describeFinding(decision.finding ?? { code: 'refund_as_credits', level: 'info', params: {} }, 'en');
    expect(text).toContain('Not approved automatically');
    expect(text).not.toMatch(/\{\w+\}/);
  });

  it.each<{ case: string; context?: Partial<AutoApprovalContext>; last90Days?: LedgerView['last90Days'] }>([
    {
      case: 'a refund share of exactly the limit',
      last90Days: { refunds: 4, creditsRefunded: 20, creditsCharged: 100 },
    },
    { case: 'the day’s credits reaching the cap exactly', context: { creditsApprovedToday: 195 } },
    { case: 'no automatic approval yet in 30 days', context: { professionalApprovals30Days: 0 } },
  ])('the edge is still approved: $case', ({ context, last90Days }) => {
    const verdict = verdictFor(mistake, [buildCharge()], { last90Days });
    expect(decideAutoApproval(mistake, verdict, { ...QUIET, ...context }, config).kind).toBe('approve');
  });

  it('the configured share replaces the 20 % of the warning too', () => {
    const last90Days = { refunds: 3, creditsRefunded: 25, creditsCharged: 100 };
    const lenient = evaluateClaim(
      buildClaimInput(mistake),
      [],
      { ...POLICY, refundShareWarningPercent: 30 },
      NOW,
      buildLedger([buildCharge()], { last90Days }),
    );
    expect(lenient.kind === 'to_review' && lenient.findings.find((f) => f.code === 'refund_share')).toMatchObject({
      level: 'info',
      params: { maxShare: 30 },
    });
    expect(decideAutoApproval(mistake, lenient, QUIET, { ...config, maxRefundSharePercent: 30 }).kind).toBe('approve');
    expect(decideAutoApproval(mistake, lenient, QUIET, config)).toMatchObject({
      finding: { code: 'auto_withheld_refund_share' },
    });
  });

  it('a charge chosen from the list is proof even when the typed fields differ', () => {
    const verdict = verdictFor(mistake, [buildCharge({ clientFirstName: 'M.' })]);
    const chosen = verdict.kind === 'to_review' ? { ...verdict, chargeChosen: true } : verdict;
    expect(decideAutoApproval(mistake, chosen, QUIET, config).kind).toBe('approve');
  });

  it('a match with differences is reported before the other guards', () => {
    const verdict = verdictFor(mistake, [buildCharge({ clientFirstName: 'M.' })]);
    const everything = {
      contested: true,
      professionalApprovals30Days: 5,
      creditsApprovedToday: 1000,
      chargeRefundedBefore: true,
    };
    expect(decideAutoApproval(mistake, verdict, everything, config)).toMatchObject({
      finding: { code: 'auto_withheld_match_differences' },
    });
  });
});

describe('checkReversible', () => {
  const approvedAt = new Date('2026-11-20T10:00:00Z');
  const automatic = { status: 'approved' as const, autoApprovedCase: 'first_mistake' as const, decidedAt: approvedAt };
  it.each<{ case: string; claim: Parameters<typeof checkReversible>[0]; now: Date; refusal: string | null }>([
    { case: 'at once', claim: automatic, now: approvedAt, refusal: null },
    { case: 'on the last instant of day 7', claim: automatic, now: new Date('2026-11-27T10:00:00Z'), refusal: null },
    { case: 'after 7 days', claim: automatic, now: new Date('2026-11-27T10:00:01Z'), refusal: 'window_closed' },
    {
      case: 'a reviewer’s approval',
      claim: { ...automatic, autoApprovedCase: null },
      now: approvedAt,
      refusal: 'not_automatic',
    },
    {
      case: 'a pending claim',
      claim: { ...automatic, status: 'pending_review', decidedAt: null },
      now: approvedAt,
      refusal: 'not_automatic',
    },
    {
      case: 'a reversed one',
      claim: { ...automatic, status: 'reversed' },
      now: approvedAt,
      refusal: 'already_reversed',
    },
  ])('$case: $refusal', ({ claim, now, refusal }) => {
    expect(checkReversible(claim, now, { reversalDays: 7 })).toBe(refusal);
  });
});

it('every case has a rule name in both languages', () => {
  for (const autoCase of AUTO_APPROVE_CASES) {
    expect(t('it', `auto_case.${autoCase}`)).not.toBe(t('en', `auto_case.${autoCase}`));
  }
});
