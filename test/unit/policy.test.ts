import { describe, it, expect } from 'vitest';
import { buildCharge, buildClaimInput, buildLedger } from '../support/factories.ts';
import {
  REASONS,
  type ClaimInput,
  type PolicyConfig,
  type PriorClaim,
  type Reason,
  type Verdict,
} from '../../src/domain/claim.ts';
import type { ClaimStatus } from '../../src/domain/claim-state.ts';
import type { Charge, LedgerView } from '../../src/domain/ledger.ts';
import { evaluateClaim, normaliseClientName } from '../../src/domain/policy.ts';
import { t } from '../../src/i18n/messages.ts';

const CONFIG: PolicyConfig = { windowDays: 30, maxCreditsPerClaim: 100 };

/** 11:00 in Rome on 24 November 2026. */
const NOW = new Date('2026-11-24T10:00:00Z');

const buildInput = buildClaimInput;

function buildPrior(overrides: Partial<PriorClaim> = {}): PriorClaim {
  return {
    reference: 'RC-0001',
    reason: 'no_grazie',
    status: 'pending_review',
    clientFirstName: 'Luca',
    clientLastName: 'Verdi',
    answeredOn: '2026-11-01',
    ...overrides,
  };
}

function evaluate(input: Partial<ClaimInput> = {}, priors: PriorClaim[] = [], now: Date = NOW): Verdict {
  return evaluateClaim(buildInput(input), priors, CONFIG, now);
}

function findingCodes(verdict: Verdict): string[] {
  if (verdict.kind !== 'to_review') throw new Error(`expected to_review, got ${JSON.stringify(verdict)}`);
  return verdict.findings.map((finding) => finding.code);
}

describe('evaluateClaim: credits', () => {
  it.each([
    { credits: 1, kind: 'to_review' },
    { credits: 100, kind: 'to_review' },
    { credits: 0, kind: 'ineligible' },
    { credits: -3, kind: 'ineligible' },
    { credits: 101, kind: 'ineligible' },
    { credits: 1.5, kind: 'ineligible' },
    { credits: Number.NaN, kind: 'ineligible' },
  ])('a claim for $credits credits is $kind', ({ credits, kind }) => {
    expect(evaluate({ credits }).kind).toBe(kind);
  });

  it('an out-of-range claim tells the professional the configured maximum', () => {
    const config = { ...CONFIG, maxCreditsPerClaim: 20 };
    expect(evaluateClaim(buildInput({ credits: 21 }), [], config, NOW)).toEqual({
      kind: 'ineligible',
      rule: 'credits_out_of_range',
      params: { max: 20 },
    });
  });
});

describe('evaluateClaim: description', () => {
  it.each<{ reason: Reason; description: string | null; kind: Verdict['kind'] }>([
    { reason: 'details_changed', description: null, kind: 'ineligible' },
    { reason: 'details_changed', description: '', kind: 'ineligible' },
    { reason: 'details_changed', description: '  \n\t ', kind: 'ineligible' },
    {
      reason: 'details_changed',
      description: 'Il cliente voleva il lavoro a Torino, non a Milano.',
      kind: 'to_review',
    },
    { reason: 'terms_violated', description: null, kind: 'ineligible' },
    { reason: 'terms_violated', description: '   ', kind: 'ineligible' },
    { reason: 'terms_violated', description: 'Cercava lavoro come dipendente.', kind: 'to_review' },
    { reason: 'no_grazie', description: null, kind: 'to_review' },
    { reason: 'answered_twice', description: null, kind: 'to_review' },
    { reason: 'sent_by_mistake', description: '', kind: 'to_review' },
  ])('reason $reason with description $description is $kind', ({ reason, description, kind }) => {
    expect(evaluate({ reason, description }).kind).toBe(kind);
  });

  it('a missing description is reported as description_required with no params', () => {
    expect(evaluate({ reason: 'terms_violated', description: ' ' })).toEqual({
      kind: 'ineligible',
      rule: 'description_required',
      params: {},
    });
  });
});

describe('evaluateClaim: the 30-day window', () => {
  it.each([
    { receivedOn: '2026-11-24', days: 0 },
    { receivedOn: '2026-11-10', days: 14 },
    { receivedOn: '2026-10-26', days: 29 },
    { receivedOn: '2026-10-25', days: 30 },
  ])('a request received on $receivedOn (day $days) is within the window', ({ receivedOn, days }) => {
    const verdict = evaluate({ receivedOn, answeredOn: receivedOn });
    expect(verdict.kind).toBe('to_review');
    expect(verdict.kind === 'to_review' && verdict.findings[0]).toEqual({
      code: 'window_ok',
      level: 'ok',
      params: { windowDays: 30, days, startDate: receivedOn },
    });
  });

  it.each([
    { receivedOn: '2026-10-24', days: 31 },
    { receivedOn: '2026-09-01', days: 84 },
  ])('a request received on $receivedOn (day $days) is out of the window', ({ receivedOn, days }) => {
    expect(evaluate({ receivedOn, answeredOn: '2026-11-20' })).toEqual({
      kind: 'ineligible',
      rule: 'window_expired',
      params: { windowDays: 30, days, startDate: receivedOn },
    });
  });

  it('counts from the received date even when the answer is recent', () => {
    const verdict = evaluate({ receivedOn: '2026-10-20', answeredOn: '2026-11-23' });
    expect(verdict).toMatchObject({ kind: 'ineligible', rule: 'window_expired', params: { startDate: '2026-10-20' } });
  });

  it('without a received date, counts from the answer and says so as information', () => {
    const verdict = evaluate({ receivedOn: null, answeredOn: '2026-10-25' });
    expect(verdict.kind === 'to_review' && verdict.findings[0]).toEqual({
      code: 'window_ok_from_answer',
      level: 'info',
      params: { windowDays: 30, days: 30, startDate: '2026-10-25' },
    });
  });

  it('without a received date, an answer 31 days old is out of the window', () => {
    expect(evaluate({ receivedOn: null, answeredOn: '2026-10-24' })).toEqual({
      kind: 'ineligible',
      rule: 'window_expired',
      params: { windowDays: 30, days: 31, startDate: '2026-10-24' },
    });
  });

  it.each([
    // CET (UTC+1): 22:30Z is 23:30 on the 24th in Rome; 23:30Z is already 00:30 on the 25th.
    { receivedOn: '2026-10-25', now: '2026-11-24T22:30:00Z', kind: 'to_review', days: 30 },
    { receivedOn: '2026-10-25', now: '2026-11-24T23:30:00Z', kind: 'ineligible', days: 31 },
    // CEST (UTC+2): 21:30Z is 23:30 on 31 July in Rome; 22:30Z is already 00:30 on 1 August.
    { receivedOn: '2026-07-01', now: '2026-07-31T21:30:00Z', kind: 'to_review', days: 30 },
    { receivedOn: '2026-07-01', now: '2026-07-31T22:30:00Z', kind: 'ineligible', days: 31 },
  ])('at $now a request received on $receivedOn is on Rome day $days: $kind', ({ receivedOn, now, kind, days }) => {
    const verdict = evaluate({ receivedOn, answeredOn: receivedOn }, [], new Date(now));
    expect(verdict.kind).toBe(kind);
    const params = verdict.kind === 'ineligible' ? verdict.params : verdict.findings[0]?.params;
    expect(params).toMatchObject({ days });
  });

  it('honours a configured window length', () => {
    const config = { ...CONFIG, windowDays: 14 };
    const verdict = evaluateClaim(buildInput({ receivedOn: '2026-11-09', answeredOn: '2026-11-09' }), [], config, NOW);
    expect(verdict).toEqual({
      kind: 'ineligible',
      rule: 'window_expired',
      params: { windowDays: 14, days: 15, startDate: '2026-11-09' },
    });
  });

  it('a start date in the future does not crash and counts as within the window', () => {
    const verdict = evaluate({ receivedOn: '2026-11-26', answeredOn: '2026-11-26' });
    expect(verdict.kind).toBe('to_review');
    expect(verdict.kind === 'to_review' && verdict.findings[0]).toMatchObject({
      code: 'window_ok',
      params: { days: -2 },
    });
  });
});

describe('evaluateClaim: the same claim twice', () => {
  const answeredOn = '2026-11-12';

  it.each<{ status: ClaimStatus }>([{ status: 'pending_review' }, { status: 'approved' }])(
    'a $status claim for the same client and answer date makes the new one a duplicate',
    ({ status }) => {
      const prior = buildPrior({
        reference: 'RC-0042',
        status,
        clientFirstName: 'Maria',
        clientLastName: 'Bianchi',
        answeredOn,
      });
      expect(evaluate({ answeredOn }, [prior])).toEqual({
        kind: 'ineligible',
        rule: 'duplicate_claim',
        params: { reference: 'RC-0042' },
      });
    },
  );

  it.each([
    { first: 'José  ', last: ' Rossi', priorFirst: 'jose', priorLast: 'rossi' },
    { first: 'jose', last: 'rossi', priorFirst: 'JOSÉ', priorLast: 'ROSSI' },
    { first: 'Anna  Maria', last: "D'Àngelo", priorFirst: 'anna maria', priorLast: "d'angelo" },
    { first: 'Niccolò', last: 'Bianchi', priorFirst: 'Niccolo\u0300', priorLast: 'Bianchi' },
  ])('"$first $last" is the same client as "$priorFirst $priorLast"', ({ first, last, priorFirst, priorLast }) => {
    const prior = buildPrior({ clientFirstName: priorFirst, clientLastName: priorLast, answeredOn });
    const verdict = evaluate({ clientFirstName: first, clientLastName: last, answeredOn }, [prior]);
    expect(verdict).toMatchObject({ kind: 'ineligible', rule: 'duplicate_claim' });
  });

  it('a claim with another reason still occupies the same client and answer date', () => {
    const prior = buildPrior({
      reason: 'details_changed',
      clientFirstName: 'Maria',
      clientLastName: 'Bianchi',
      answeredOn,
    });
    expect(evaluate({ reason: 'no_grazie', answeredOn }, [prior])).toMatchObject({ rule: 'duplicate_claim' });
  });

  it.each<{ case: string; prior: Partial<PriorClaim> }>([
    { case: 'the earlier claim was rejected', prior: { status: 'rejected' } },
    { case: 'the earlier claim was ineligible', prior: { status: 'ineligible' } },
    { case: 'the answer date differs', prior: { answeredOn: '2026-11-11' } },
    { case: 'the first name differs', prior: { clientFirstName: 'Marta' } },
    { case: 'the last name differs', prior: { clientLastName: 'Bianco' } },
  ])('is not a duplicate when $case', ({ prior }) => {
    const base = { status: 'approved' as const, clientFirstName: 'Maria', clientLastName: 'Bianchi', answeredOn };
    expect(evaluate({ answeredOn }, [buildPrior({ ...base, ...prior })]).kind).toBe('to_review');
  });
});

describe('evaluateClaim: answers sent by mistake', () => {
  const mistake = { reason: 'sent_by_mistake' as const };

  it('is ineligible once an earlier mistake was refunded', () => {
    const priors = [
      buildPrior({ reference: 'RC-0001', reason: 'sent_by_mistake', status: 'rejected' }),
      buildPrior({ reference: 'RC-0007', reason: 'sent_by_mistake', status: 'approved' }),
    ];
    expect(evaluate(mistake, priors)).toEqual({
      kind: 'ineligible',
      rule: 'mistake_already_refunded',
      params: { reference: 'RC-0007' },
    });
  });

  it('warns the reviewer when another mistake claim is still pending, naming the first one', () => {
    const priors = [
      buildPrior({ reference: 'RC-0003', reason: 'sent_by_mistake', status: 'pending_review' }),
      buildPrior({ reference: 'RC-0004', reason: 'sent_by_mistake', status: 'pending_review', clientFirstName: 'Ugo' }),
    ];
    const verdict = evaluate(mistake, priors);
    expect(findingCodes(verdict)).toEqual([
      'window_ok',
      'reason_sent_by_mistake',
      'mistake_pending_elsewhere',
      'credits_unverified',
      'refund_as_credits',
    ]);
    expect(verdict.kind === 'to_review' && verdict.findings[2]).toEqual({
      code: 'mistake_pending_elsewhere',
      level: 'warning',
      params: { reference: 'RC-0003' },
    });
  });

  it.each<{ status: ClaimStatus }>([{ status: 'rejected' }, { status: 'ineligible' }])(
    'an earlier $status mistake claim neither blocks nor warns',
    ({ status }) => {
      const verdict = evaluate(mistake, [buildPrior({ reason: 'sent_by_mistake', status })]);
      expect(findingCodes(verdict)).not.toContain('mistake_pending_elsewhere');
    },
  );

  it('an earlier refund for another reason does not count as a refunded mistake', () => {
    const verdict = evaluate(mistake, [buildPrior({ reason: 'no_grazie', status: 'approved' })]);
    expect(findingCodes(verdict)).toContain('reason_sent_by_mistake');
  });

  it.each<{ reason: Reason; status: ClaimStatus }>([
    { reason: 'no_grazie', status: 'approved' },
    { reason: 'answered_twice', status: 'pending_review' },
  ])('a $status mistake claim does not affect a $reason claim', ({ reason, status }) => {
    const verdict = evaluate({ reason }, [buildPrior({ reason: 'sent_by_mistake', status })]);
    expect(findingCodes(verdict)).not.toContain('mistake_pending_elsewhere');
  });
});

describe('evaluateClaim: findings for a claim to review', () => {
  it('a clean claim gets the window, its reason, the unverified credits and the credits-only refund, in order', () => {
    expect(evaluate({ credits: 7 })).toEqual({
      kind: 'to_review',
      findings: [
        { code: 'window_ok', level: 'ok', params: { windowDays: 30, days: 14, startDate: '2026-11-10' } },
        { code: 'reason_no_grazie', level: 'info', params: {} },
        { code: 'credits_unverified', level: 'warning', params: { credits: 7 } },
        { code: 'refund_as_credits', level: 'info', params: {} },
      ],
    });
  });

  it.each<{ reason: Reason; level: string }>([
    { reason: 'no_grazie', level: 'info' },
    { reason: 'details_changed', level: 'info' },
    { reason: 'answered_twice', level: 'info' },
    { reason: 'terms_violated', level: 'info' },
    { reason: 'sent_by_mistake', level: 'ok' },
  ])('reason $reason gives the reason_$reason finding at level $level', ({ reason, level }) => {
    const verdict = evaluate({ reason, description: 'Descrizione del caso.' });
    expect(verdict.kind === 'to_review' && verdict.findings[1]).toEqual({
      code: `reason_${reason}`,
      level,
      params: {},
    });
  });
});

describe('evaluateClaim: rule precedence', () => {
  const expired = { receivedOn: '2026-09-01', answeredOn: '2026-09-01' };
  const sameClient = { clientFirstName: 'Maria', clientLastName: 'Bianchi' };

  it.each<{ case: string; input: Partial<ClaimInput>; priors: PriorClaim[]; rule: string }>([
    {
      case: 'bad credits before a missing description',
      input: { credits: 0, reason: 'details_changed', description: null, ...expired },
      priors: [],
      rule: 'credits_out_of_range',
    },
    {
      case: 'a missing description before an expired window',
      input: { reason: 'terms_violated', description: '', ...expired },
      priors: [],
      rule: 'description_required',
    },
    {
      case: 'an expired window before a duplicate',
      input: expired,
      priors: [buildPrior({ ...sameClient, answeredOn: expired.answeredOn, status: 'approved' })],
      rule: 'window_expired',
    },
    {
      case: 'a duplicate before an already refunded mistake',
      input: { reason: 'sent_by_mistake' },
      priors: [buildPrior({ ...sameClient, answeredOn: '2026-11-12', reason: 'sent_by_mistake', status: 'approved' })],
      rule: 'duplicate_claim',
    },
  ])('$case', ({ input, priors, rule }) => {
    expect(evaluate(input, priors)).toMatchObject({ kind: 'ineligible', rule });
  });
});

describe('normaliseClientName', () => {
  it.each([
    { first: 'Maria', last: 'Bianchi', key: 'maria bianchi' },
    { first: '  José  ', last: '  Rossi ', key: 'jose rossi' },
    { first: 'ANNA\tMARIA', last: 'De  Luca', key: 'anna maria de luca' },
    { first: 'Niccolò', last: 'Cantù', key: 'niccolo cantu' },
    { first: 'Zoë', last: 'Ñúñez', key: 'zoe nunez' },
  ])('"$first" + "$last" becomes "$key"', ({ first, last, key }) => {
    expect(normaliseClientName(first, last)).toBe(key);
  });
});

function evaluateWithLedger(
  input: Partial<ClaimInput>,
  ledger: LedgerView,
  priors: PriorClaim[] = [],
  now: Date = NOW,
): Verdict {
  return evaluateClaim(buildInput(input), priors, CONFIG, now, ledger);
}

function findingOf(verdict: Verdict, code: string) {
  if (verdict.kind !== 'to_review') throw new Error(`expected to_review, got ${JSON.stringify(verdict)}`);
  return verdict.findings.find((finding) => finding.code === code);
}

describe('evaluateClaim: without a ledger', () => {
  it.each<{ case: string; input: Partial<ClaimInput> }>([
    { case: 'a clean claim', input: {} },
    { case: 'a claim without a received date', input: { receivedOn: null } },
    { case: 'an expired claim', input: { receivedOn: '2026-09-01', answeredOn: '2026-09-01' } },
    { case: 'an answered-twice claim', input: { reason: 'answered_twice' } },
  ])('$case is judged as before, with no charge attached', ({ input }) => {
    const withUndefined = evaluateClaim(buildInput(input), [], CONFIG, NOW, undefined);
    expect(withUndefined).toEqual(evaluate(input));
    expect(withUndefined).not.toHaveProperty('matchedChargeId');
  });
});

describe('evaluateClaim: a ledger with no data for the professional', () => {
  const noData = buildLedger([], { hasData: false });

  it('says plainly that nothing was verified, in place of the unverified credits', () => {
    expect(evaluateWithLedger({ credits: 7 }, noData)).toEqual({
      kind: 'to_review',
      findings: [
        { code: 'window_ok', level: 'ok', params: { windowDays: 30, days: 14, startDate: '2026-11-10' } },
        { code: 'reason_no_grazie', level: 'info', params: {} },
        { code: 'ledger_missing', level: 'warning', params: { credits: 7 } },
        { code: 'refund_as_credits', level: 'info', params: {} },
      ],
    });
  });

  it.each<{ case: string; input: Partial<ClaimInput>; rule: string }>([
    {
      case: 'the form’s window',
      input: { receivedOn: '2026-10-24', answeredOn: '2026-10-24' },
      rule: 'window_expired',
    },
    { case: 'the form’s credits', input: { credits: 0 }, rule: 'credits_out_of_range' },
  ])('keeps the rules of the form alone: $case', ({ input, rule }) => {
    expect(evaluateWithLedger(input, noData)).toMatchObject({ kind: 'ineligible', rule });
  });

  it('does not ask for a charge it cannot see', () => {
    expect(evaluateWithLedger({}, noData).kind).toBe('to_review');
  });

  it('tells the reviewer that no charge data came from the marketplace', () => {
    expect(t('it', 'finding.ledger_missing', { credits: 7 })).toMatch(/Nulla è stato verificato.*marketplace/);
    expect(t('en', 'finding.ledger_missing', { credits: 7 })).toMatch(/Nothing was verified.*marketplace/);
  });
});

describe('evaluateClaim: no charge matches the claim', () => {
  it.each<{ case: string; charges: Charge[] }>([
    { case: 'the ledger has no charge around the claim', charges: [] },
    {
      case: 'the charge is for another client',
      charges: [buildCharge({ clientFirstName: 'Luca', clientLastName: 'Verdi', clientPhone: null })],
    },
    {
      case: 'the charge is two days from the answer',
      charges: [buildCharge({ chargedAt: new Date('2026-11-14T10:00:00Z') })],
    },
  ])('is ineligible when $case', ({ charges }) => {
    expect(evaluateWithLedger({}, buildLedger(charges))).toEqual({
      kind: 'ineligible',
      rule: 'no_matching_charge',
      params: {},
    });
  });

  it('tells the professional to check the credit balance in the settings', () => {
    expect(t('it', 'rule.no_matching_charge')).toMatch(/Saldo crediti nelle Impostazioni/);
    expect(t('en', 'rule.no_matching_charge')).toMatch(/Credit balance in Settings/);
  });
});

describe('evaluateClaim: credits claimed against credits charged', () => {
  it.each([
    { credits: 3, kind: 'to_review' },
    { credits: 5, kind: 'to_review' },
    { credits: 6, kind: 'ineligible' },
  ])('claiming $credits of 5 charged credits is $kind', ({ credits, kind }) => {
    expect(evaluateWithLedger({ credits }, buildLedger([buildCharge({ credits: 5 })])).kind).toBe(kind);
  });

  it('names both numbers', () => {
    expect(evaluateWithLedger({ credits: 8 }, buildLedger([buildCharge({ credits: 5 })]))).toEqual({
      kind: 'ineligible',
      rule: 'credits_exceed_charge',
      params: { claimed: 8, charged: 5 },
    });
  });
});

describe('evaluateClaim: the window counts from the lead in the ledger', () => {
  const answeredOn = '2026-11-14';
  const chargedAt = new Date('2026-11-14T10:00:00Z');

  it('is out of the window when the form says day 10 but the ledger says day 31', () => {
    const charge = buildCharge({ chargedAt, leadReceivedAt: new Date('2026-10-24T09:00:00Z') });
    expect(evaluateWithLedger({ receivedOn: '2026-11-14', answeredOn }, buildLedger([charge]))).toEqual({
      kind: 'ineligible',
      rule: 'window_expired',
      params: { windowDays: 30, days: 31, startDate: '2026-10-24' },
    });
  });

  it('is within the window when the form says day 31 but the ledger says day 10', () => {
    const charge = buildCharge({ chargedAt, leadReceivedAt: new Date('2026-11-14T09:00:00Z') });
    const verdict = evaluateWithLedger({ receivedOn: '2026-10-24', answeredOn }, buildLedger([charge]));
    expect(verdict.kind === 'to_review' && verdict.findings[0]).toEqual({
      code: 'window_ok_from_ledger',
      level: 'ok',
      params: { windowDays: 30, days: 10, startDate: '2026-11-14' },
    });
  });

  it.each([
    // CEST until 25 October: 22:30Z on the 24th is 00:30 on the 25th in Rome (day 30); 21:30Z is 23:30 on the 24th.
    { leadReceivedAt: '2026-10-24T22:30:00Z', kind: 'to_review', days: 30 },
    { leadReceivedAt: '2026-10-24T21:30:00Z', kind: 'ineligible', days: 31 },
  ])('a lead received at $leadReceivedAt is on Rome day $days: $kind', ({ leadReceivedAt, kind, days }) => {
    const charge = buildCharge({ chargedAt, leadReceivedAt: new Date(leadReceivedAt) });
    const verdict = evaluateWithLedger({ answeredOn }, buildLedger([charge]));
    expect(verdict.kind).toBe(kind);
    const params = verdict.kind === 'ineligible' ? verdict.params : verdict.findings[0]?.params;
    expect(params).toMatchObject({ days });
  });

  it('counts from the ledger even when the form gives no received date', () => {
    const verdict = evaluateWithLedger({ receivedOn: null }, buildLedger([buildCharge()]));
    expect(verdict.kind === 'to_review' && verdict.findings[0]).toMatchObject({
      code: 'window_ok_from_ledger',
      params: { days: 14, startDate: '2026-11-10' },
    });
  });
});

describe('evaluateClaim: a matched charge', () => {
  it('replaces the unverified credits with the charge, and names it as the one refunded', () => {
    expect(evaluateWithLedger({ credits: 5 }, buildLedger([buildCharge({ chargeId: 'CH-7' })]))).toEqual({
      kind: 'to_review',
      matchedChargeId: 'CH-7',
      findings: [
        { code: 'window_ok_from_ledger', level: 'ok', params: { windowDays: 30, days: 14, startDate: '2026-11-10' } },
        { code: 'reason_no_grazie', level: 'info', params: {} },
        {
          code: 'ledger_match',
          level: 'ok',
          params: { chargeId: 'CH-7', credits: 5, chargedOn: '2026-11-12', differences: '—' },
        },
        {
          code: 'refund_share',
          level: 'info',
          params: { refunds: 1, creditsRefunded: 5, creditsCharged: 100, share: 5, maxShare: 20 },
        },
        { code: 'refund_as_credits', level: 'info', params: {} },
      ],
    });
  });

  it('lists the small differences and the Rome date of the charge', () => {
    // 23:30Z on the 12th is 00:30 on the 13th in Rome: one day after the answer.
    const charge = buildCharge({ chargedAt: new Date('2026-11-12T23:30:00Z') });
    const verdict = evaluateWithLedger({ clientFirstName: 'Bianchi', clientLastName: 'Maria' }, buildLedger([charge]));
    expect(findingOf(verdict, 'ledger_match')?.params).toMatchObject({
      chargedOn: '2026-11-13',
      differences: 'name_swapped, answer_date_off_by_one',
    });
  });
});

describe('evaluateClaim: answered twice', () => {
  const first = buildCharge({ chargeId: 'CH-FIRST', leadId: 'L-1', chargedAt: new Date('2026-11-12T09:00:00Z') });
  const second = buildCharge({
    chargeId: 'CH-SECOND',
    leadId: 'L-2',
    leadReceivedAt: new Date('2026-11-11T09:00:00Z'),
    chargedAt: new Date('2026-11-13T09:00:00Z'),
    credits: 4,
  });
  const twice = { reason: 'answered_twice' as const, credits: 4 };

  it.each<{ case: string; answeredOn: string }>([
    { case: 'the form names the first answer', answeredOn: '2026-11-12' },
    { case: 'the form names the second answer', answeredOn: '2026-11-13' },
  ])('refunds the later charge when $case', ({ answeredOn }) => {
    const verdict = evaluateWithLedger({ ...twice, answeredOn }, buildLedger([first, second]));
    expect(verdict).toMatchObject({ kind: 'to_review', matchedChargeId: 'CH-SECOND' });
    expect(findingOf(verdict, 'duplicate_charges_found')).toEqual({
      code: 'duplicate_charges_found',
      level: 'ok',
      params: { count: 2, chargeId: 'CH-SECOND', firstChargeId: 'CH-FIRST' },
    });
    expect(findingOf(verdict, 'duplicate_charges_missing')).toBeUndefined();
  });

  it('checks the window and the credits against the later charge', () => {
    const ledger = buildLedger([first, second]);
    const verdict = evaluateWithLedger({ ...twice, answeredOn: '2026-11-12' }, ledger);
    expect(findingOf(verdict, 'window_ok_from_ledger')?.params).toMatchObject({ startDate: '2026-11-11' });
    expect(evaluateWithLedger({ ...twice, credits: 5, answeredOn: '2026-11-12' }, ledger)).toMatchObject({
      rule: 'credits_exceed_charge',
      params: { claimed: 5, charged: 4 },
    });
  });

  it('warns when the ledger has only one charge for the client, and still leaves it to the team', () => {
    const verdict = evaluateWithLedger({ ...twice, answeredOn: '2026-11-12' }, buildLedger([first]));
    expect(verdict).toMatchObject({ kind: 'to_review', matchedChargeId: 'CH-FIRST' });
    expect(findingOf(verdict, 'duplicate_charges_missing')).toEqual({
      code: 'duplicate_charges_missing',
      level: 'warning',
      params: {},
    });
  });

  it('another reason does not look for duplicates', () => {
    const verdict = evaluateWithLedger(
      { reason: 'no_grazie', credits: 4, answeredOn: '2026-11-12' },
      buildLedger([first, second]),
    );
    expect(verdict).toMatchObject({ matchedChargeId: 'CH-FIRST' });
    expect(findingCodes(verdict).filter((code) => code.startsWith('duplicate_charges'))).toEqual([]);
  });
});

describe('evaluateClaim: a later interaction with the same client was charged', () => {
  const earlier = buildCharge({ chargeId: 'CH-EARLIER', chargedAt: new Date('2026-11-12T09:00:00Z') });
  const later = buildCharge({
    chargeId: 'CH-LATER',
    chargedAt: new Date('2026-11-12T15:00:00Z'),
    trigger: 'client_chat',
  });

  it.each<{ reason: Reason }>(REASONS.map((reason) => ({ reason })))(
    'is flagged as refundable for reason $reason',
    ({ reason }) => {
      const verdict = evaluateWithLedger(
        { reason, description: 'Descrizione del caso.' },
        buildLedger([earlier, later]),
      );
      expect(verdict).toMatchObject({ kind: 'to_review', matchedChargeId: 'CH-LATER' });
      expect(findingOf(verdict, 'later_interaction_charged')).toEqual({
        code: 'later_interaction_charged',
        level: 'ok',
        params: { chargeId: 'CH-LATER', earlierChargeId: 'CH-EARLIER' },
      });
    },
  );

  it.each<{ case: string; charges: Charge[] }>([
    { case: 'a single charge', charges: [earlier] },
    { case: 'a second charge on another lead', charges: [earlier, { ...later, leadId: 'L-2' }] },
  ])('is not flagged for $case', ({ charges }) => {
    expect(findingOf(evaluateWithLedger({}, buildLedger(charges)), 'later_interaction_charged')).toBeUndefined();
  });
});

describe('evaluateClaim: the share of credits refunded in the last 90 days', () => {
  it.each([
    { creditsRefunded: 20, creditsCharged: 100, share: 20, level: 'info' },
    { creditsRefunded: 21, creditsCharged: 100, share: 21, level: 'warning' },
    { creditsRefunded: 102, creditsCharged: 500, share: 20, level: 'info' },
    { creditsRefunded: 0, creditsCharged: 0, share: 0, level: 'info' },
    { creditsRefunded: 5, creditsCharged: 0, share: 0, level: 'info' },
  ])(
    '$creditsRefunded of $creditsCharged credits is $share %: $level',
    ({ creditsRefunded, creditsCharged, share, level }) => {
      const ledger = buildLedger([buildCharge()], { last90Days: { refunds: 3, creditsRefunded, creditsCharged } });
      expect(findingOf(evaluateWithLedger({}, ledger), 'refund_share')).toEqual({
        code: 'refund_share',
        level,
        params: { refunds: 3, creditsRefunded, creditsCharged, share, maxShare: 20 },
      });
    },
  );
});

describe('evaluateClaim: rule precedence with a ledger', () => {
  const expired = { receivedOn: '2026-09-01', answeredOn: '2026-09-01' };
  const samePrior = buildPrior({
    clientFirstName: 'Maria',
    clientLastName: 'Bianchi',
    answeredOn: '2026-11-12',
    status: 'approved',
  });
  const oldLead = buildCharge({ leadReceivedAt: new Date('2026-10-01T09:00:00Z'), credits: 2 });

  it.each<{ case: string; input: Partial<ClaimInput>; charges: Charge[]; priors: PriorClaim[]; rule: string }>([
    {
      case: 'bad credits before no charge',
      input: { credits: 0 },
      charges: [],
      priors: [],
      rule: 'credits_out_of_range',
    },
    {
      case: 'a missing description before no charge',
      input: { reason: 'details_changed', description: null },
      charges: [],
      priors: [],
      rule: 'description_required',
    },
    // With ledger data an unmatched claim's dates prove nothing: the professional corrects the form first.
    {
      case: 'no charge before the form’s expired window',
      input: expired,
      charges: [],
      priors: [],
      rule: 'no_matching_charge',
    },
    {
      case: 'the ledger’s expired window before credits over the charge',
      input: { credits: 5 },
      charges: [oldLead],
      priors: [],
      rule: 'window_expired',
    },
    {
      case: 'no charge before the same claim twice',
      input: {},
      charges: [],
      priors: [samePrior],
      rule: 'no_matching_charge',
    },
    {
      case: 'credits over the charge before the same claim twice',
      input: { credits: 6 },
      charges: [buildCharge()],
      priors: [samePrior],
      rule: 'credits_exceed_charge',
    },
    {
      case: 'the same claim twice still applies with a match',
      input: {},
      charges: [buildCharge()],
      priors: [samePrior],
      rule: 'duplicate_claim',
    },
  ])('$case', ({ input, charges, priors, rule }) => {
    expect(evaluateWithLedger(input, buildLedger(charges), priors)).toMatchObject({ kind: 'ineligible', rule });
  });
});

describe('evaluateClaim: a charge picked from the modal’s list', () => {
  it('is the match, with nothing to tolerate, and the verdict says it was chosen', () => {
    const verdict = evaluateWithLedger(
      { chosenChargeId: 'CH-1', clientFirstName: 'Typed', clientLastName: 'Wrongly' },
      buildLedger([buildCharge()]),
    );
    expect(verdict).toMatchObject({ kind: 'to_review', matchedChargeId: 'CH-1', chargeChosen: true });
    if (verdict.kind !== 'to_review') throw new Error('expected to review');
    expect(verdict.findings.map((f) => f.code)).toContain('ledger_chosen');
    expect(verdict.findings.map((f) => f.code)).not.toContain('ledger_match');
  });

  it('a picked charge the ledger no longer holds matches nothing (a field error, never a guess)', () => {
    expect(evaluateWithLedger({ chosenChargeId: 'ch_gone' }, buildLedger([buildCharge()]))).toMatchObject({
      kind: 'ineligible',
      rule: 'no_matching_charge',
    });
  });

  it('a typed claim never says it was chosen', () => {
    expect(evaluateWithLedger({}, buildLedger([buildCharge()]))).not.toHaveProperty('chargeChosen');
  });
});
