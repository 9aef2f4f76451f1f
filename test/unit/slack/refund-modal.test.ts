import { describe, it, expect } from 'vitest';
import type { InputBlock } from '@slack/types';
import { REASONS } from '../../../src/domain/claim.ts';
import { LOCALES, t } from '../../../src/i18n/messages.ts';
import {
  FIELD_LIMITS,
  REFUND_ACTIONS,
  REFUND_BLOCKS,
  REFUND_MODAL_CALLBACK_ID,
  EVIDENCE_BLOCK_ID,
  buildRefundModal,
  type RefundField,
} from '../../../src/slack/views/refund-modal.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';

function inputBlock(field: RefundField, maxCredits = 100): InputBlock {
  const block = buildRefundModal({ locale: 'it', maxCredits }).blocks.find(
    (candidate) => candidate.block_id === REFUND_BLOCKS[field],
  );
  if (block?.type !== 'input') throw new Error(`no input block for ${field}`);
  return block as InputBlock;
}

describe('buildRefundModal', () => {
  it.each(LOCALES)('stays within Block Kit limits in %s', (locale) => {
    expectWithinBlockKitLimits(buildRefundModal({ locale, maxCredits: 100 }));
  });

  it('is the refund claim modal, with the intro first', () => {
    const modal = buildRefundModal({ locale: 'it', maxCredits: 100 });
    expect(modal.callback_id).toBe(REFUND_MODAL_CALLBACK_ID);
    expect(modal.title.text).toBe('Rimborso crediti');
    expect(modal.submit?.text).toBe('Invia');
    expect(modal.close?.text).toBe('Annulla');
    expect(modal.blocks[0]).toMatchObject({ type: 'section', text: { text: t('it', 'modal.intro') } });
  });

  it('has one input per field, with the action id the parser reads', () => {
    const modal = buildRefundModal({ locale: 'it', maxCredits: 100 });
    const inputs = modal.blocks.filter((block) => block.type === 'input') as InputBlock[];
    // The claim's fields, then the optional evidence (files, not a field of the claim).
    expect(inputs.map((block) => block.block_id)).toEqual([...Object.values(REFUND_BLOCKS), EVIDENCE_BLOCK_ID]);
    for (const field of Object.keys(REFUND_BLOCKS) as RefundField[]) {
      expect(inputBlock(field).element.action_id).toBe(REFUND_ACTIONS[field]);
    }
  });

  it('marks only phone, received date and description as optional', () => {
    const optional = (Object.keys(REFUND_BLOCKS) as RefundField[]).filter((field) => inputBlock(field).optional);
    expect(optional).toEqual(['clientPhone', 'receivedOn', 'description']);
  });

  it('limits the text inputs to the lengths the parser enforces', () => {
    expect(inputBlock('clientFirstName').element).toMatchObject({
      type: 'plain_text_input',
      max_length: FIELD_LIMITS.name,
    });
    expect(inputBlock('clientLastName').element).toMatchObject({
      type: 'plain_text_input',
      max_length: FIELD_LIMITS.name,
    });
    expect(inputBlock('clientPhone').element).toMatchObject({
      type: 'plain_text_input',
      max_length: FIELD_LIMITS.phone,
    });
    expect(inputBlock('service').element).toMatchObject({ type: 'plain_text_input', max_length: FIELD_LIMITS.service });
    expect(inputBlock('description').element).toMatchObject({
      type: 'plain_text_input',
      multiline: true,
      max_length: FIELD_LIMITS.description,
    });
  });

  it('uses date pickers for the dates, with hints on the optional inputs', () => {
    expect(inputBlock('answeredOn').element.type).toBe('datepicker');
    expect(inputBlock('receivedOn').element.type).toBe('datepicker');
    expect(inputBlock('receivedOn').hint?.text).toBe(t('it', 'modal.received_on_hint'));
    expect(inputBlock('clientPhone').hint?.text).toBe(t('it', 'modal.client_phone_hint'));
    expect(inputBlock('description').hint?.text).toBe(t('it', 'modal.description_hint'));
  });

  it('asks for whole credits up to the configured maximum', () => {
    expect(inputBlock('credits', 40).element).toEqual({
      type: 'number_input',
      action_id: REFUND_ACTIONS.credits,
      is_decimal_allowed: false,
      min_value: '1',
      max_value: '40',
    });
  });

  it('offers the five reasons, labelled from the catalog', () => {
    const element = inputBlock('reason').element;
    if (element.type !== 'static_select') throw new Error('reason is not a static_select');
    expect(element.options?.map((option) => option.value)).toEqual([...REASONS]);
    expect(element.options?.map((option) => option.text.text)).toEqual(REASONS.map((r) => t('it', `reason.${r}`)));
  });
});
