import { describe, expect, it } from 'vitest';
import { chooseChargePicker, claimInputFromCharge } from '../../../src/domain/charge-choice.ts';
import type { Charge } from '../../../src/domain/ledger.ts';
import { LOCALES } from '../../../src/i18n/messages.ts';
import { buildChargeInput, buildChargeOptions, describeChargeOption } from '../../../src/slack/views/charge-select.ts';
import { buildRefundModal } from '../../../src/slack/views/refund-modal.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';

function buildCharge(overrides: Partial<Charge> = {}): Charge {
  return {
    chargeId: 'ch_1',
    professionalId: 'UPRO',
    leadId: 'lead_1',
    clientFirstName: 'Maria',
    clientLastName: 'Rossi',
    clientPhone: null,
    service: 'Imbianchino',
    leadReceivedAt: new Date('2026-11-30T08:00:00Z'),
    // 1 December in Rome, though 30 November in UTC.
    chargedAt: new Date('2026-11-30T23:30:00Z'),
    credits: 12,
    trigger: 'client_chat',
    ...overrides,
  };
}

describe('the charge picker', () => {
  it('reads client, service, Rome date and credits at a glance', () => {
    expect(describeChargeOption(buildCharge(), 'it')).toBe('Maria Rossi · Imbianchino · 1 dic · 12 crediti');
    expect(describeChargeOption(buildCharge({ credits: 1 }), 'en')).toBe(
      'Maria Rossi · Imbianchino · 1 Dec · 1 credit',
    );
  });

  it.each(LOCALES)('keeps every option within 75 characters, however long the names (%s)', (locale) => {
    const long = buildCharge({
      clientFirstName: 'Maria Addolorata Immacolata',
      clientLastName: 'Della Valle Di Sopra Benedetti',
      service: 'Imbiancatura e tinteggiatura di interni ed esterni',
      credits: 99999,
    });
    const text = describeChargeOption(long, locale);
    expect(text.length).toBeLessThanOrEqual(75);
    expect(text).toContain('99999');
  });

  it('offers nothing without charges, a static list up to 99, a typeahead beyond', () => {
    expect(chooseChargePicker([])).toEqual({ kind: 'none' });
    expect(chooseChargePicker(Array.from({ length: 99 }, () => buildCharge())).kind).toBe('static');
    expect(chooseChargePicker(Array.from({ length: 100 }, () => buildCharge()))).toEqual({ kind: 'external' });
  });

  it.each(LOCALES)('a modal with 99 charges stays within Block Kit limits (%s)', (locale) => {
    const charges = Array.from({ length: 99 }, (_, i) =>
      buildCharge({ chargeId: `ch_${i}`, clientLastName: 'X'.repeat(200) }),
    );
    const modal = buildRefundModal({ locale, maxCredits: 100, charges: { kind: 'static', charges } });
    expectWithinBlockKitLimits(modal);
    const picker = buildChargeInput({ kind: 'static', charges }, locale);
    expect(picker.element).toMatchObject({ type: 'static_select' });
    expect((picker.element as { options: unknown[] }).options).toHaveLength(100);
    expect(
      buildChargeOptions(
        Array.from({ length: 150 }, () => buildCharge()),
        locale,
      ),
    ).toHaveLength(100);
  });

  it('fills the claim from the charge: the professional’s credits only when fewer', () => {
    const form = {
      chargeId: 'ch_1',
      reason: 'no_grazie' as const,
      description: null,
      credits: null,
      clientPhone: '333 1234567',
    };
    expect(claimInputFromCharge(buildCharge(), form)).toEqual({
      clientFirstName: 'Maria',
      clientLastName: 'Rossi',
      clientPhone: '333 1234567',
      service: 'Imbianchino',
      answeredOn: '2026-12-01',
      receivedOn: '2026-11-30',
      credits: 12,
      reason: 'no_grazie',
      description: null,
      chosenChargeId: 'ch_1',
    });
    expect(claimInputFromCharge(buildCharge(), { ...form, credits: 4 }).credits).toBe(4);
  });
});
