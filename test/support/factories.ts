import { DEFAULT_CLAIM_INPUT } from '../../src/sandbox/slack-payloads.ts';
export { buildStateValues, type StateOverrides } from '../../src/sandbox/slack-payloads.ts';

/** The unit tests' today, in Rome. */
export const TODAY = '2026-11-24';
import type { Claim, ClaimInput, Finding } from '../../src/domain/claim.ts';
import type { Charge, LedgerView } from '../../src/domain/ledger.ts';

/** The least environment loadConfig accepts: the required variables, each valid. */
export const VALID_ENV = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'abcdef0123456789',
  REVIEW_CHANNEL_ID: 'C0123ABC',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/rimborsi',
  INBOUND_EMAIL_TOKEN: 'a-long-random-token-0123456789abcdef',
};

export const CLAIM_ID = '6f1c2b7e-8a4d-4c1e-9b2a-5d6e7f8a9b0c';

export const FINDINGS: Finding[] = [
  { code: 'window_ok', level: 'ok', params: { windowDays: 30, days: 14, startDate: '2026-11-10' } },
  { code: 'reason_no_grazie', level: 'info', params: {} },
  { code: 'credits_unverified', level: 'warning', params: { credits: 5 } },
  { code: 'refund_as_credits', level: 'info', params: {} },
];

/** A valid claim as the form produces it: the sandbox's default claim (Maria Bianchi, 5 credits). */
export function buildClaimInput(overrides: Partial<ClaimInput> = {}): ClaimInput {
  return { ...DEFAULT_CLAIM_INPUT, ...overrides };
}

/** The charge behind the default claim: Maria Bianchi, lead received on 10 November, charged at 11:00 in Rome on the 12th. */
export function buildCharge(overrides: Partial<Charge> = {}): Charge {
  return {
    chargeId: 'CH-1',
    professionalId: 'U012PRO',
    leadId: 'L-1',
    clientFirstName: 'Maria',
    clientLastName: 'Bianchi',
    clientPhone: '+39 333 1234567',
    service: 'Imbiancatura',
    leadReceivedAt: new Date('2026-11-10T09:00:00Z'),
    chargedAt: new Date('2026-11-12T10:00:00Z'),
    credits: 5,
    trigger: 'phone_answer',
    ...overrides,
  };
}

/** A ledger that has data for the professional: these charges, and 1 refund of 5 credits out of 100 charged in 90 days. */
export function buildLedger(charges: readonly Charge[], overrides: Partial<LedgerView> = {}): LedgerView {
  return { hasData: true, charges, last90Days: { refunds: 1, creditsRefunded: 5, creditsCharged: 100 }, ...overrides };
}

/** When the unit tests' decided claims were decided: 15:04 in Rome on 26 November 2026. */
export const DECIDED_AT = new Date('2026-11-26T14:04:00Z');
/** buildClaim overrides: approved by U0REVIEWER at DECIDED_AT. */
export const APPROVED = { status: 'approved' as const, decidedBy: 'U0REVIEWER', decidedAt: DECIDED_AT };
/** buildClaim overrides: rejected by U0REVIEWER at DECIDED_AT, for this reason. */
export const rejectedFor = (decisionReason: string) => ({ ...APPROVED, status: 'rejected' as const, decisionReason });

export function buildClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    ...buildClaimInput(),
    id: CLAIM_ID,
    reference: 'RC-2026-0001',
    professionalId: 'U012PRO',
    teamId: 'T0TEAM',
    status: 'pending_review',
    verdict: { kind: 'to_review', findings: FINDINGS },
    submittedAt: new Date('2026-11-24T10:00:00Z'),
    reviewDeadlineOn: '2026-12-08',
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    reviewChannelId: null,
    reviewMessageTs: null,
    assignedTo: null,
    autoApprovedCase: null,
    reversal: null,
    ...overrides,
  };
}

/**
 * The longest text the form lets through, in the characters that grow most when escaped for mrkdwn
 * (`&` → `&amp;`) or that take two UTF-16 units (emoji), so the builders' cutting is exercised.
 */
export const WORST_CASE_TEXTS = {
  ampersands: (length: number) => '&'.repeat(length),
  emoji: (length: number) => '😀'.repeat(length),
  letters: (length: number) => 'x'.repeat(length),
} as const;

export function buildLongestClaim(fill: (length: number) => string, overrides: Partial<Claim> = {}): Claim {
  return buildClaim({
    clientFirstName: fill(100),
    clientLastName: fill(100),
    clientPhone: '+39 (333) 123-45.67 890 12 345',
    service: fill(150),
    description: fill(2000),
    credits: 100,
    reason: 'terms_violated',
    verdict: {
      kind: 'to_review',
      findings: [
        ...FINDINGS,
        { code: 'mistake_pending_elsewhere', level: 'warning', params: { reference: 'RC-2026-9999' } },
      ],
    },
    ...overrides,
  });
}
