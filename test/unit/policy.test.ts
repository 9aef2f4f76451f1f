import { describe, it, expect } from 'vitest';
import type { ClaimInput, ClaimStatus, PolicyConfig, PriorClaim, Reason, Verdict } from '../../src/domain/claim.ts';
import { evaluateClaim, normaliseClientName } from '../../src/domain/policy.ts';

const CONFIG: PolicyConfig = { windowDays: 30, maxCreditsPerClaim: 100 };

/** 11:00 in Rome on 24 November 2026. */
const NOW = new Date('2026-11-24T10:00:00Z');

function buildInput(overrides: Partial<ClaimInput> = {}): ClaimInput {
  return {
    clientFirstName: 'Maria',
    clientLastName: 'Bianchi',
    clientPhone: '+39 333 1234567',
    service: 'Imbiancatura',
    answeredOn: '2026-11-12',
    receivedOn: '2026-11-10',
    credits: 5,
    reason: 'no_grazie',
    description: null,
    ...overrides,
  };
}

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
    { reason: 'details_changed', description: 'Il cliente voleva il lavoro a Torino, non a Milano.', kind: 'to_review' },
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
    expect(verdict.kind === 'to_review' && verdict.findings[0]).toMatchObject({ code: 'window_ok', params: { days: -2 } });
  });
});

describe('evaluateClaim: the same claim twice', () => {
  const answeredOn = '2026-11-12';

  it.each<{ status: ClaimStatus }>([{ status: 'pending_review' }, { status: 'approved' }])(
    'a $status claim for the same client and answer date makes the new one a duplicate',
    ({ status }) => {
      const prior = buildPrior({ reference: 'RC-0042', status, clientFirstName: 'Maria', clientLastName: 'Bianchi', answeredOn });
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
    const prior = buildPrior({ reason: 'details_changed', clientFirstName: 'Maria', clientLastName: 'Bianchi', answeredOn });
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
    expect(verdict.kind === 'to_review' && verdict.findings[1]).toEqual({ code: `reason_${reason}`, level, params: {} });
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
