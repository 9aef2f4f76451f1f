import { describe, it, expect } from 'vitest';
import { buildCharge as buildSharedCharge, buildClaimInput } from '../support/factories.ts';
import type { ClaimInput } from '../../src/domain/claim.ts';
import type { Charge } from '../../src/domain/ledger.ts';
import {
  MATCH_THRESHOLD,
  findDuplicateCharges,
  findEarlierChargeForLead,
  matchCharge,
  normalisePhone,
  normaliseService,
  type MatchDifference,
} from '../../src/domain/ledger-match.ts';

/** The shared valid claim, without a phone or received date: the tests add what they compare. */
function buildInput(overrides: Partial<ClaimInput> = {}): ClaimInput {
  return buildClaimInput({ clientPhone: null, receivedOn: null, ...overrides });
}

/** The shared charge (charged at 11:00 in Rome on 12 November 2026, for a lead received on the 10th), without a phone. */
function buildCharge(overrides: Partial<Charge> = {}): Charge {
  return buildSharedCharge({ clientPhone: null, ...overrides });
}

/** The differences of the match, or null when no charge matched. */
function differencesOf(input: Partial<ClaimInput>, charge: Partial<Charge>): MatchDifference[] | null {
  return matchCharge(buildInput(input), [buildCharge(charge)])?.differences ?? null;
}

describe('normalisePhone', () => {
  it.each([
    { phone: '+39 333 123 4567', digits: '3331234567' },
    { phone: '0039 333 1234567', digits: '3331234567' },
    { phone: '333.123.4567', digits: '3331234567' },
    { phone: '(333) 123-4567', digits: '3331234567' },
    { phone: '39 333 1234567', digits: '3331234567' },
    // A 10-digit mobile that begins with 39 keeps it: 393 is a mobile prefix, not the country.
    { phone: '393 1234567', digits: '3931234567' },
    { phone: '+39 393 1234567', digits: '3931234567' },
    { phone: '+39 06 1234 5678', digits: '0612345678' },
    { phone: '+41 79 123 45 67', digits: '41791234567' },
  ])('"$phone" is $digits', ({ phone, digits }) => {
    expect(normalisePhone(phone)).toBe(digits);
  });
});

describe('normaliseService', () => {
  it.each([
    { service: 'Imbiancatura', key: 'imbiancatura' },
    { service: '  Pulizia   PRO ', key: 'pulizia pro' },
    { service: 'Riparazione caldaie/scaldabagni', key: 'riparazione caldaie scaldabagni' },
    { service: 'Elettricità', key: 'elettricita' },
  ])('"$service" becomes "$key"', ({ service, key }) => {
    expect(normaliseService(service)).toBe(key);
  });
});

describe('matchCharge: the client name', () => {
  it.each<{ case: string; form: [string, string]; charge: [string, string]; differences: MatchDifference[] | null }>([
    { case: 'the same name', form: ['Maria', 'Bianchi'], charge: ['Maria', 'Bianchi'], differences: [] },
    { case: 'case, accents and spacing', form: ['  josé ', 'ROSSI'], charge: ['José', 'Rossi'], differences: [] },
    {
      case: 'a name split differently',
      form: ['Anna Maria', 'De Luca'],
      charge: ['Anna', 'Maria De Luca'],
      differences: [],
    },
    {
      case: 'first and last swapped',
      form: ['Bianchi', 'Maria'],
      charge: ['Maria', 'Bianchi'],
      differences: ['name_swapped'],
    },
    {
      case: 'an initial on the form',
      form: ['M.', 'Bianchi'],
      charge: ['Maria', 'Bianchi'],
      differences: ['name_initial'],
    },
    {
      case: 'an initial in the ledger',
      form: ['Maria', 'Bianchi'],
      charge: ['M', 'Bianchi'],
      differences: ['name_initial'],
    },
    { case: 'an initial of another name', form: ['L.', 'Bianchi'], charge: ['Maria', 'Bianchi'], differences: null },
    { case: 'another first name', form: ['Marta', 'Bianchi'], charge: ['Maria', 'Bianchi'], differences: null },
    { case: 'another last name', form: ['Maria', 'Bianco'], charge: ['Maria', 'Bianchi'], differences: null },
  ])('$case: $differences', ({ form, charge, differences }) => {
    const input = { clientFirstName: form[0], clientLastName: form[1] };
    expect(differencesOf(input, { clientFirstName: charge[0], clientLastName: charge[1] })).toEqual(differences);
  });
});

describe('matchCharge: the phone', () => {
  it.each<{ case: string; input: Partial<ClaimInput>; charge: Partial<Charge>; differences: MatchDifference[] | null }>(
    [
      {
        case: 'a matching phone written another way confirms another name',
        input: { clientFirstName: 'Mary', clientPhone: '+39 333 123 4567' },
        charge: { clientPhone: '0039 3331234567' },
        differences: ['name_differs'],
      },
      {
        case: 'another name without phones is another client',
        input: { clientFirstName: 'Mary' },
        charge: {},
        differences: null,
      },
      {
        case: 'a different phone is listed but the full name still matches',
        input: { clientPhone: '333 1234567' },
        charge: { clientPhone: '333 7654321' },
        differences: ['phone_differs'],
      },
      {
        case: 'a different phone outweighs a name known only by its initial',
        input: { clientFirstName: 'M.', clientPhone: '333 1234567' },
        charge: { clientPhone: '333 7654321' },
        differences: null,
      },
      {
        case: 'a phone on one side only is no difference',
        input: { clientPhone: '333 1234567' },
        charge: { clientPhone: null },
        differences: [],
      },
    ],
  )('$case', ({ input, charge, differences }) => {
    expect(differencesOf(input, charge)).toEqual(differences);
  });
});

describe('matchCharge: the service', () => {
  it.each<{ form: string; charge: string; differences: MatchDifference[] | null }>([
    { form: 'imbiancatura', charge: 'Imbiancatura', differences: [] },
    { form: 'Elettricita', charge: 'Elettricità', differences: [] },
    { form: 'Imbiancatura', charge: 'Imbiancatura interni', differences: ['service_partial'] },
    { form: 'Imbiancatura appartamento', charge: 'imbiancatura', differences: ['service_partial'] },
    // Same client and day: another wording of the service is still listed, not rejected.
    { form: 'Tinteggiatura', charge: 'Imbiancatura', differences: ['service_differs'] },
    // Containment is by whole words: "arte" is not part of "parte".
    { form: 'Arte', charge: 'Parte', differences: ['service_differs'] },
  ])('"$form" against "$charge": $differences', ({ form, charge, differences }) => {
    expect(differencesOf({ service: form }, { service: charge })).toEqual(differences);
  });

  it('another service is too much once the name is swapped as well', () => {
    expect(
      differencesOf({ service: 'Tinteggiatura', clientFirstName: 'Bianchi', clientLastName: 'Maria' }, {}),
    ).toBeNull();
  });
});

describe('matchCharge: the answer date against the Rome date of the charge', () => {
  it.each<{ answeredOn: string; chargedAt: string; differences: MatchDifference[] | null }>([
    // CET (UTC+1): 23:30Z on the 11th is already 00:30 on the 12th in Rome.
    { answeredOn: '2026-11-12', chargedAt: '2026-11-11T23:30:00Z', differences: [] },
    { answeredOn: '2026-11-12', chargedAt: '2026-11-12T22:59:00Z', differences: [] },
    { answeredOn: '2026-11-12', chargedAt: '2026-11-12T23:30:00Z', differences: ['answer_date_off_by_one'] },
    { answeredOn: '2026-11-12', chargedAt: '2026-11-11T22:30:00Z', differences: ['answer_date_off_by_one'] },
    { answeredOn: '2026-11-12', chargedAt: '2026-11-10T22:30:00Z', differences: null },
    { answeredOn: '2026-11-12', chargedAt: '2026-11-13T23:30:00Z', differences: null },
    // CEST (UTC+2): 22:30Z is already the next day in Rome.
    { answeredOn: '2026-07-31', chargedAt: '2026-07-30T22:30:00Z', differences: [] },
    { answeredOn: '2026-07-31', chargedAt: '2026-07-31T22:30:00Z', differences: ['answer_date_off_by_one'] },
  ])('answered $answeredOn, charged at $chargedAt: $differences', ({ answeredOn, chargedAt, differences }) => {
    expect(differencesOf({ answeredOn }, { chargedAt: new Date(chargedAt) })).toEqual(differences);
  });

  it('lists a received date that differs from the lead in the ledger', () => {
    expect(differencesOf({ receivedOn: '2026-11-09' }, {})).toEqual(['received_date_differs']);
    expect(differencesOf({ receivedOn: '2026-11-10' }, {})).toEqual([]);
  });
});

describe('matchCharge: the threshold', () => {
  it.each<{ case: string; input: Partial<ClaimInput>; charge: Partial<Charge>; matches: boolean }>([
    {
      case: 'a swapped name, a day off and a partial service are still a match',
      input: {
        clientFirstName: 'Bianchi',
        clientLastName: 'Maria',
        service: 'Imbiancatura interni',
        answeredOn: '2026-11-13',
      },
      charge: {},
      matches: true,
    },
    {
      case: 'an initial, a day off and a partial service are not',
      input: { clientFirstName: 'M.', service: 'Imbiancatura interni', answeredOn: '2026-11-13' },
      charge: {},
      matches: false,
    },
    {
      case: 'the same phone lifts them over it',
      input: {
        clientFirstName: 'M.',
        service: 'Imbiancatura interni',
        answeredOn: '2026-11-13',
        clientPhone: '3331234567',
      },
      charge: { clientPhone: '+39 333 1234567' },
      matches: true,
    },
    {
      case: 'another client for the same service and day is not',
      input: { clientFirstName: 'Luca', clientLastName: 'Verdi' },
      charge: {},
      matches: false,
    },
  ])('$case', ({ input, charge, matches }) => {
    const match = matchCharge(buildInput(input), [buildCharge(charge)]);
    expect(match !== undefined).toBe(matches);
    if (match) expect(match.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
  });

  it('finds nothing in an empty ledger', () => {
    expect(matchCharge(buildInput(), [])).toBeUndefined();
  });
});

describe('matchCharge: the best candidate', () => {
  it.each<{ case: string; charges: Partial<Charge>[]; input?: Partial<ClaimInput>; chargeId: string }>([
    {
      case: 'the same day over a day off',
      charges: [{ chargeId: 'CH-OFF', chargedAt: new Date('2026-11-13T10:00:00Z') }, { chargeId: 'CH-DAY' }],
      chargeId: 'CH-DAY',
    },
    {
      case: 'the exact service over a partial one',
      charges: [{ chargeId: 'CH-EXACT' }, { chargeId: 'CH-PART', service: 'Imbiancatura esterni' }],
      chargeId: 'CH-EXACT',
    },
    {
      case: 'the exact name over an initial',
      charges: [{ chargeId: 'CH-INITIAL', clientFirstName: 'M.' }, { chargeId: 'CH-NAME' }],
      chargeId: 'CH-NAME',
    },
    {
      case: 'the confirmed phone over a contradicted one',
      input: { clientPhone: '333 2222222' },
      charges: [
        { chargeId: 'CH-OTHER', clientPhone: '333 1111111' },
        { chargeId: 'CH-PHONE', clientPhone: '+39 333 2222222' },
      ],
      chargeId: 'CH-PHONE',
    },
    {
      case: 'the later of two equal charges',
      charges: [
        { chargeId: 'CH-LATE', chargedAt: new Date('2026-11-12T15:00:00Z') },
        { chargeId: 'CH-EARLY', chargedAt: new Date('2026-11-12T09:00:00Z') },
      ],
      chargeId: 'CH-LATE',
    },
    {
      case: 'the client among other clients',
      charges: [
        { chargeId: 'CH-VERDI', clientFirstName: 'Luca', clientLastName: 'Verdi' },
        { chargeId: 'CH-BIANCHI' },
        { chargeId: 'CH-ROSSI', clientFirstName: 'Mario', clientLastName: 'Rossi' },
      ],
      chargeId: 'CH-BIANCHI',
    },
  ])('$case', ({ charges, input, chargeId }) => {
    expect(matchCharge(buildInput(input), charges.map(buildCharge))?.charge.chargeId).toBe(chargeId);
  });
});

describe('findDuplicateCharges', () => {
  const match = buildCharge({ chargeId: 'CH-MATCH', leadId: 'L-1', clientPhone: '333 1234567' });

  it.each<{ case: string; other: Partial<Charge>; duplicate: boolean }>([
    { case: 'the same client and service on another lead', other: { leadId: 'L-2' }, duplicate: true },
    {
      case: 'the same client spelled differently',
      other: { leadId: 'L-2', clientFirstName: 'MARÌA ' },
      duplicate: true,
    },
    {
      case: 'another name with the same phone',
      other: { leadId: 'L-2', clientFirstName: 'Mary', clientPhone: '+39 333 1234567' },
      duplicate: true,
    },
    { case: 'a partial service', other: { leadId: 'L-2', service: 'Imbiancatura interni' }, duplicate: true },
    { case: 'the same lead (a later interaction)', other: { leadId: 'L-1' }, duplicate: false },
    { case: 'another service', other: { leadId: 'L-2', service: 'Idraulico' }, duplicate: false },
    { case: 'another client', other: { leadId: 'L-2', clientFirstName: 'Luca', clientPhone: null }, duplicate: false },
  ])('$case: $duplicate', ({ other, duplicate }) => {
    const charges = [match, buildCharge({ chargeId: 'CH-OTHER', ...other })];
    expect(findDuplicateCharges(match, charges).map((charge) => charge.chargeId)).toEqual(
      duplicate ? ['CH-OTHER'] : [],
    );
  });

  it('lists the duplicates earliest first', () => {
    const charges = [
      buildCharge({ chargeId: 'CH-3', leadId: 'L-3', chargedAt: new Date('2026-11-14T10:00:00Z') }),
      match,
      buildCharge({ chargeId: 'CH-2', leadId: 'L-2', chargedAt: new Date('2026-11-13T10:00:00Z') }),
    ];
    expect(findDuplicateCharges(match, charges).map((charge) => charge.chargeId)).toEqual(['CH-2', 'CH-3']);
  });
});

describe('findEarlierChargeForLead', () => {
  const later = buildCharge({ chargeId: 'CH-LATER', leadId: 'L-1', chargedAt: new Date('2026-11-12T15:00:00Z') });

  it.each<{ case: string; other: Partial<Charge>; earlier: boolean }>([
    {
      case: 'an earlier charge for the same lead and client',
      other: { chargedAt: new Date('2026-11-12T09:00:00Z') },
      earlier: true,
    },
    {
      case: 'a later charge for the same lead',
      other: { chargedAt: new Date('2026-11-13T09:00:00Z') },
      earlier: false,
    },
    {
      case: 'an earlier charge for another lead',
      other: { leadId: 'L-2', chargedAt: new Date('2026-11-12T09:00:00Z') },
      earlier: false,
    },
  ])('$case: $earlier', ({ other, earlier }) => {
    const charges = [later, buildCharge({ chargeId: 'CH-OTHER', leadId: 'L-1', ...other })];
    expect(findEarlierChargeForLead(later, charges)?.chargeId).toBe(earlier ? 'CH-OTHER' : undefined);
  });
});
