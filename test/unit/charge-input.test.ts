import { describe, expect, it } from 'vitest';
import {
  CHARGE_FIELDS,
  parseChargeBatch,
  parseChargeInstant,
  type ChargeBatchResult,
} from '../../src/ledger/charge-input.ts';
import { buildChargeItem } from '../support/ledger-fixtures.ts';

function errorsOf(result: ChargeBatchResult) {
  if (result.ok) throw new Error('expected the batch to be refused');
  return result.errors;
}

function fieldsOf(result: ChargeBatchResult) {
  return errorsOf(result).map((e) => `${e.item}:${e.field}`);
}

describe('parseChargeBatch: a good item', () => {
  it('becomes a ParsedCharge with Dates, trimmed text and the Slack professional', () => {
    const result = parseChargeBatch([
      buildChargeItem({ client_first_name: '  Maria ', service: ' Imbiancatura  interni ' }),
    ]);
    expect(result).toEqual({
      ok: true,
      charges: [
        {
          chargeId: 'ch_1001',
          professional: { kind: 'slack', slackUserId: 'U012PRO' },
          leadId: 'lead_77',
          clientFirstName: 'Maria',
          clientLastName: 'Bianchi',
          clientPhone: '+39 333 1234567',
          service: 'Imbiancatura  interni',
          leadReceivedAt: new Date('2026-11-10T08:30:00Z'),
          chargedAt: new Date('2026-11-10T10:00:00Z'),
          credits: 5,
          trigger: 'phone_answer',
        },
      ],
    });
  });

  it('takes a marketplace id instead of a Slack user id', () => {
    const result = parseChargeBatch([buildChargeItem({ slack_user_id: undefined, marketplace_id: 'pro-4411' })]);
    expect(result.ok && result.charges[0]?.professional).toEqual({ kind: 'marketplace', marketplaceId: 'pro-4411' });
  });

  it('accepts a W… (Enterprise Grid) user id', () => {
    expect(parseChargeBatch([buildChargeItem({ slack_user_id: 'W0ABC123' })]).ok).toBe(true);
  });

  it.each([[undefined], [null], [''], ['   ']])('has no phone when client_phone is %j', (phone) => {
    const result = parseChargeBatch([buildChargeItem({ client_phone: phone })]);
    expect(result.ok && result.charges[0]?.clientPhone).toBeNull();
  });

  it('takes the client_chat trigger', () => {
    const result = parseChargeBatch([buildChargeItem({ trigger: 'client_chat' })]);
    expect(result.ok && result.charges[0]?.trigger).toBe('client_chat');
  });

  it('takes an empty batch', () => {
    expect(parseChargeBatch([])).toEqual({ ok: true, charges: [] });
  });
});

describe('dates: a date-time with an offset, or a bare date read as midnight in Rome', () => {
  it.each([
    ['2026-11-10T09:30:00+01:00', '2026-11-10T08:30:00.000Z'],
    ['2026-11-10T08:30:00Z', '2026-11-10T08:30:00.000Z'],
    ['2026-11-10T09:30+01:00', '2026-11-10T08:30:00.000Z'],
    ['2026-11-10T09:30:00.250-05:00', '2026-11-10T14:30:00.250Z'],
    // Winter: Rome is UTC+1; summer: UTC+2.
    ['2026-11-10', '2026-11-09T23:00:00.000Z'],
    ['2026-07-10', '2026-07-09T22:00:00.000Z'],
    // The night clocks go forward: midnight still exists, at UTC+1.
    ['2026-03-29', '2026-03-28T23:00:00.000Z'],
  ])('%s is %s', (value, instant) => {
    expect(parseChargeInstant(value)?.toISOString()).toBe(instant);
  });

  it.each([
    ['2026-11-10T09:30:00'],
    ['2026-11-10 09:30:00Z'],
    ['2026-02-30'],
    ['2026-02-30T10:00:00Z'],
    ['2026-11-10T24:00:00Z'],
    ['10/11/2026'],
    ['2026-11-10T09:30:00+0100'],
    [''],
  ])('refuses %j', (value) => {
    expect(parseChargeInstant(value)).toBeNull();
  });

  it('a bare charge date on the day of the lead is midnight, so before a lead received later that day', () => {
    const result = parseChargeBatch([
      buildChargeItem({ lead_received_at: '2026-11-10T09:30:00+01:00', charged_at: '2026-11-10' }),
    ]);
    expect(errorsOf(result)).toEqual([
      { item: 0, field: 'charged_at', message: expect.stringContaining('before lead_received_at') },
    ]);
  });

  it('two bare dates of the same day are in order', () => {
    expect(parseChargeBatch([buildChargeItem({ lead_received_at: '2026-11-10', charged_at: '2026-11-10' })]).ok).toBe(
      true,
    );
  });

  it('refuses a charge made before its lead was received', () => {
    const result = parseChargeBatch([
      buildChargeItem({ lead_received_at: '2026-11-10T09:30:00Z', charged_at: '2026-11-10T09:29:59Z' }),
    ]);
    expect(fieldsOf(result)).toEqual(['0:charged_at']);
  });
});

describe('every field is checked', () => {
  it.each([
    ['charge_id', undefined, 'is required'],
    ['charge_id', '', 'must not be empty'],
    ['charge_id', 'ch 1', 'must not contain spaces'],
    ['charge_id', 'x'.repeat(101), 'must be at most 100 characters'],
    ['charge_id', 42, 'must be text'],
    ['slack_user_id', 'u012pro', 'must be a Slack user id (U… or W…)'],
    ['slack_user_id', 'C012CHAN', 'must be a Slack user id (U… or W…)'],
    ['lead_id', undefined, 'is required'],
    ['client_first_name', '   ', 'must not be empty'],
    ['client_last_name', 'x'.repeat(101), 'must be at most 100 characters'],
    ['client_phone', 'ask the client', 'must be a phone number of 6 to 15 digits (spaces, + ( ) . / - allowed)'],
    ['client_phone', '123', 'must be a phone number of 6 to 15 digits (spaces, + ( ) . / - allowed)'],
    ['client_phone', '1'.repeat(41), 'must be at most 40 characters'],
    ['service', undefined, 'is required'],
    ['service', 'x'.repeat(201), 'must be at most 200 characters'],
    ['lead_received_at', undefined, 'is required'],
    [
      'lead_received_at',
      '2026-11-10T09:30:00',
      expect.stringContaining('must be an ISO 8601 date-time with an offset'),
    ],
    ['charged_at', 1731231000000, expect.stringContaining('must be an ISO 8601 date-time with an offset')],
    ['credits', undefined, 'is required'],
    ['credits', '5', 'must be a number'],
    ['credits', 0, 'must be more than 0'],
    ['credits', -3, 'must be more than 0'],
    ['credits', 2.5, 'must be a whole number'],
    ['credits', 100_001, 'must be at most 100000'],
    ['trigger', undefined, 'is required'],
    ['trigger', 'lead_view', 'must be one of: phone_answer, client_chat'],
  ])('%s = %j: %s', (field, value, message) => {
    const result = parseChargeBatch([buildChargeItem({ [field]: value })]);
    expect(errorsOf(result)).toEqual([{ item: 0, field, message }]);
  });

  it('refuses an item with neither a Slack user id nor a marketplace id', () => {
    const result = parseChargeBatch([buildChargeItem({ slack_user_id: undefined })]);
    expect(errorsOf(result)).toEqual([
      { item: 0, field: 'professional', message: 'give exactly one of slack_user_id and marketplace_id' },
    ]);
  });

  it('refuses an item with both a Slack user id and a marketplace id', () => {
    const result = parseChargeBatch([buildChargeItem({ marketplace_id: 'pro-4411' })]);
    expect(fieldsOf(result)).toEqual(['0:professional']);
  });

  it('refuses a field it does not know, so a misspelt column is not silently dropped', () => {
    const result = parseChargeBatch([buildChargeItem({ client_phone_number: '333 1234567' })]);
    expect(errorsOf(result)).toEqual([{ item: 0, field: 'client_phone_number', message: 'is not a known field' }]);
  });

  it.each([['a string'], [42], [null], [['ch_1']]])('refuses an item that is not an object: %j', (item) => {
    expect(errorsOf(parseChargeBatch([item]))).toEqual([{ item: 0, field: 'item', message: 'must be an object' }]);
  });

  it('names every field the CSV header may use', () => {
    expect([...CHARGE_FIELDS].sort()).toEqual(Object.keys({ ...buildChargeItem(), marketplace_id: 'x' }).sort());
  });
});

describe('a batch reports every error of every item at once', () => {
  it('names each bad field of each bad item, and only those', () => {
    const result = parseChargeBatch([
      buildChargeItem({ charge_id: 'ch_1' }),
      buildChargeItem({
        charge_id: 'ch_2',
        credits: 0,
        trigger: 'nope',
        marketplace_id: 'pro-1',
        client_last_name: '',
      }),
      buildChargeItem({ charge_id: 'ch_3' }),
      buildChargeItem({
        charge_id: 'ch_4',
        slack_user_id: undefined,
        lead_received_at: '2026-11-12',
        charged_at: '2026-11-11',
      }),
    ]);
    expect(fieldsOf(result)).toEqual([
      '1:client_last_name',
      '1:credits',
      '1:trigger',
      '1:professional',
      '3:professional',
      '3:charged_at',
    ]);
  });

  it('refuses a charge_id used twice in one batch, naming the earlier item', () => {
    const result = parseChargeBatch([
      buildChargeItem({ charge_id: 'ch_1' }),
      buildChargeItem({ charge_id: 'ch_2' }),
      buildChargeItem({ charge_id: ' ch_1 ' }),
      buildChargeItem({ charge_id: 'ch_1', credits: 0 }),
    ]);
    expect(errorsOf(result)).toEqual([
      { item: 2, field: 'charge_id', message: 'repeats the charge_id of item 0' },
      { item: 3, field: 'credits', message: 'must be more than 0' },
      { item: 3, field: 'charge_id', message: 'repeats the charge_id of item 0' },
    ]);
  });

  it('lets the caller name items its own way (a CSV names lines)', () => {
    const result = parseChargeBatch([buildChargeItem(), buildChargeItem()], {
      describeItem: (item) => `line ${item + 2}`,
    });
    expect(errorsOf(result)).toEqual([{ item: 1, field: 'charge_id', message: 'repeats the charge_id of line 2' }]);
  });
});
