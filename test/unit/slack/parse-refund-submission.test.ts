import { describe, it, expect } from 'vitest';
import type { ClaimInput } from '../../../src/domain/claim.ts';
import type { Locale } from '../../../src/i18n/messages.ts';
import { parseRefundSubmission } from '../../../src/slack/views/parse-refund-submission.ts';
import { REFUND_BLOCKS } from '../../../src/slack/views/refund-modal.ts';
import { TODAY, buildClaimInput, buildStateValues, type StateOverrides } from '../../support/factories.ts';

function parse(overrides: StateOverrides = {}, locale: Locale = 'it', maxCredits = 100) {
  return parseRefundSubmission(buildStateValues(overrides), { today: TODAY, maxCredits, locale });
}

function errorsOf(result: ReturnType<typeof parse>): Record<string, string> {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.input)}`);
  return result.errors;
}

function inputOf(result: ReturnType<typeof parse>): ClaimInput {
  if (!result.ok) throw new Error(`expected a claim, got ${JSON.stringify(result.errors)}`);
  return result.input;
}

const REQUIRED = 'Campo obbligatorio.';
const CREDITS_INVALID = 'Indica un numero intero di crediti da 1 a 100.';
const PHONE_INVALID =
  'Numero di telefono non valido: da 6 a 15 cifre, con spazi, punti, trattini o parentesi e al massimo un + iniziale.';
const B = REFUND_BLOCKS;

describe('parseRefundSubmission', () => {
  it('turns a complete form into the claim input', () => {
    // The form state is built from the default claim: parsing it must give that claim back.
    expect(inputOf(parse())).toEqual(buildClaimInput());
  });

  it('reads the optional fields left empty as null', () => {
    const input = inputOf(parse({ clientPhone: '   ', receivedOn: null, description: '' }));
    expect(input).toMatchObject({ clientPhone: null, receivedOn: null, description: null });
  });

  it('trims text and strips control characters, keeping the description’s line breaks', () => {
    const input = inputOf(
      parse({
        clientFirstName: '  Ma\u0000ria\u0007 ',
        service: 'Imbian\tcatura\u001b',
        reason: 'details_changed',
        description: ' Prima riga\r\nSeconda\u0008 riga\n',
      }),
    );
    expect(input.clientFirstName).toBe('Maria');
    expect(input.service).toBe('Imbian catura');
    expect(input.description).toBe('Prima riga\nSeconda riga');
  });

  it.each([
    ['(02) 123-45.67', '(02) 123-45.67'],
    ['+39 333 1234567', '+39 333 1234567'],
    ['123456', '123456'],
    ['+123456789012345', '+123456789012345'],
  ])('accepts the phone %s', (phone, expected) => {
    expect(inputOf(parse({ clientPhone: phone })).clientPhone).toBe(expected);
  });

  it.each([
    ['1', 1],
    ['100', 100],
    [' 42 ', 42],
  ])('accepts %j credits', (credits, expected) => {
    expect(inputOf(parse({ credits })).credits).toBe(expected);
  });

  it('accepts an answer on the day the request arrived, and today', () => {
    expect(inputOf(parse({ receivedOn: TODAY, answeredOn: TODAY }))).toMatchObject({
      receivedOn: TODAY,
      answeredOn: TODAY,
    });
  });

  it.each<[string, StateOverrides, string, string]>([
    ['no first name', { clientFirstName: null }, B.clientFirstName, REQUIRED],
    ['a blank first name', { clientFirstName: '   ' }, B.clientFirstName, REQUIRED],
    [
      'a first name of 101 characters',
      { clientFirstName: 'x'.repeat(101) },
      B.clientFirstName,
      'Massimo 100 caratteri.',
    ],
    ['no last name', { clientLastName: '' }, B.clientLastName, REQUIRED],
    ['a last name of 101 characters', { clientLastName: 'é'.repeat(101) }, B.clientLastName, 'Massimo 100 caratteri.'],
    ['a phone of 31 characters', { clientPhone: '1'.repeat(31) }, B.clientPhone, 'Massimo 30 caratteri.'],
    ['a phone with letters', { clientPhone: '333 ABC 4567' }, B.clientPhone, PHONE_INVALID],
    ['a phone of 5 digits', { clientPhone: '12 345' }, B.clientPhone, PHONE_INVALID],
    ['a phone of 16 digits', { clientPhone: '1234567890123456' }, B.clientPhone, PHONE_INVALID],
    ['a phone with two +', { clientPhone: '++39 333 1234567' }, B.clientPhone, PHONE_INVALID],
    ['a phone with a + inside', { clientPhone: '39 +333 1234567' }, B.clientPhone, PHONE_INVALID],
    ['no service', { service: null }, B.service, REQUIRED],
    ['a service of 151 characters', { service: 's'.repeat(151) }, B.service, 'Massimo 150 caratteri.'],
    ['no answer date', { answeredOn: null }, B.answeredOn, REQUIRED],
    ['an answer date that does not exist', { answeredOn: '2026-02-30' }, B.answeredOn, 'Data non valida.'],
    ['an answer date written another way', { answeredOn: '12/11/2026' }, B.answeredOn, 'Data non valida.'],
    ['an answer date tomorrow', { answeredOn: '2026-11-25' }, B.answeredOn, 'La data non può essere nel futuro.'],
    ['a received date tomorrow', { receivedOn: '2026-11-25' }, B.receivedOn, 'La data non può essere nel futuro.'],
    ['a received date that is not a date', { receivedOn: 'ieri' }, B.receivedOn, 'Data non valida.'],
    [
      'an answer before the request was received',
      { answeredOn: '2026-11-09', receivedOn: '2026-11-10' },
      B.answeredOn,
      'La risposta non può essere precedente alla ricezione della richiesta.',
    ],
    ['no credits', { credits: null }, B.credits, REQUIRED],
    ['blank credits', { credits: ' ' }, B.credits, REQUIRED],
    ['1.5 credits', { credits: '1.5' }, B.credits, CREDITS_INVALID],
    ['0 credits', { credits: '0' }, B.credits, CREDITS_INVALID],
    ['-1 credits', { credits: '-1' }, B.credits, CREDITS_INVALID],
    ['1e2 credits', { credits: '1e2' }, B.credits, CREDITS_INVALID],
    ['0x10 credits', { credits: '0x10' }, B.credits, CREDITS_INVALID],
    ['101 credits', { credits: '101' }, B.credits, CREDITS_INVALID],
    ['credits in words', { credits: 'cinque' }, B.credits, CREDITS_INVALID],
    ['no reason', { reason: null }, B.reason, REQUIRED],
    ['an unknown reason', { reason: 'refund_everything' }, B.reason, 'Scegli uno dei cinque casi.'],
    [
      'changed details without a description',
      { reason: 'details_changed', description: null },
      B.description,
      'Per questo motivo descrivi cosa è successo.',
    ],
    [
      'a terms violation with a blank description',
      { reason: 'terms_violated', description: ' \n ' },
      B.description,
      'Per questo motivo descrivi cosa è successo.',
    ],
    ['a description of 2001 characters', { description: 'd'.repeat(2001) }, B.description, 'Massimo 2000 caratteri.'],
  ])('rejects %s on its own input', (_name, overrides, blockId, message) => {
    expect(errorsOf(parse(overrides))).toEqual({ [blockId]: message });
  });

  it('does not ask for a description when the reason does not need one', () => {
    expect(inputOf(parse({ reason: 'sent_by_mistake', description: null })).description).toBeNull();
  });

  it('checks credits against the configured maximum', () => {
    expect(errorsOf(parse({ credits: '41' }, 'it', 40))).toEqual({
      [B.credits]: 'Indica un numero intero di crediti da 1 a 40.',
    });
    expect(inputOf(parse({ credits: '40' }, 'it', 40)).credits).toBe(40);
  });

  it('writes the errors in the given locale', () => {
    expect(errorsOf(parse({ credits: '0', clientLastName: null }, 'en'))).toEqual({
      [B.credits]: 'Enter a whole number of credits from 1 to 100.',
      [B.clientLastName]: 'Required.',
    });
  });

  it('reports every field’s problem at once', () => {
    const errors = errorsOf(
      parse({ clientFirstName: null, clientPhone: 'abc', answeredOn: '2099-01-01', credits: '0', reason: null }),
    );
    expect(errors).toEqual({
      [B.clientFirstName]: REQUIRED,
      [B.clientPhone]: PHONE_INVALID,
      [B.answeredOn]: 'La data non può essere nel futuro.',
      [B.credits]: CREDITS_INVALID,
      [B.reason]: REQUIRED,
    });
  });
});

describe('parseRefundSubmission on values of the wrong shape', () => {
  const requiredBlocks = {
    [B.clientFirstName]: REQUIRED,
    [B.clientLastName]: REQUIRED,
    [B.service]: REQUIRED,
    [B.answeredOn]: REQUIRED,
    [B.credits]: REQUIRED,
    [B.reason]: REQUIRED,
  };
  const ctx = { today: TODAY, maxCredits: 100, locale: 'it' as const };

  it.each([null, undefined, 42, 'values', [], {}, { client_first_name: 'Maria' }])(
    'reports the required fields of %j instead of throwing',
    (values) => {
      expect(parseRefundSubmission(values, ctx)).toEqual({ ok: false, errors: requiredBlocks });
    },
  );

  it.each<[string, string, unknown]>([
    ['a number as text', B.clientFirstName, { value: 42 }],
    ['a block that is a string', B.service, 'Imbiancatura'],
    ['an action that is null', B.clientLastName, null],
    ['a date as a number', B.answeredOn, { selected_date: 20261112 }],
    ['credits as a number', B.credits, { value: 5 }],
    ['an option as a bare string', B.reason, { selected_option: 'no_grazie' }],
    ['an option without a value', B.reason, { selected_option: { text: 'No grazie' } }],
    ['an optional phone of the wrong shape', B.clientPhone, { value: ['333'] }],
  ])('treats %s as a field error', (_name, blockId, state) => {
    const values = { ...buildStateValues(), [blockId]: { [blockId]: state } };
    expect(parseRefundSubmission(values, ctx)).toEqual({ ok: false, errors: { [blockId]: REQUIRED } });
  });

  it('reads the state under the action id, not any key of the block', () => {
    const values = { ...buildStateValues(), [B.service]: { other_action: { value: 'Imbiancatura' } } };
    expect(parseRefundSubmission(values, ctx)).toEqual({ ok: false, errors: { [B.service]: REQUIRED } });
  });

  it('treats an optional block Slack did not send as not given', () => {
    const { [B.clientPhone]: _phone, [B.receivedOn]: _received, ...values } = buildStateValues();
    const result = parseRefundSubmission(values, ctx);
    expect(result).toMatchObject({ ok: true, input: { clientPhone: null, receivedOn: null } });
  });
});
