/**
 * Builder (pure): the `/rimborso` refund modal — the optional charge picker, one input per claim field, the
 * reason and the evidence upload — and the block and action ids the parsers and listeners read back. With a
 * charge list, the fields the ledger knows are typed only when the charge is not listed.
 */
import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { REASONS } from '../../domain/claim.ts';
import { t, type Locale, type MessageKey } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, mrkdwn, plainText } from '../messages/slack-text.ts';
import { CHARGE_ACTION_ID, CHARGE_BLOCK_ID, buildChargeInput, type ChargeChoice } from './charge-select.ts';
import { EVIDENCE_ACTION_ID, EVIDENCE_BLOCK_ID, buildEvidenceInput } from './evidence-input.ts';

export { CHARGE_ACTION_ID, CHARGE_BLOCK_ID, EVIDENCE_ACTION_ID, EVIDENCE_BLOCK_ID };

export const REFUND_MODAL_CALLBACK_ID = 'refund_claim';

/** The modal's input blocks, one per field of the claim. */
export const REFUND_BLOCKS = {
  clientFirstName: 'client_first_name',
  clientLastName: 'client_last_name',
  clientPhone: 'client_phone',
  service: 'service',
  answeredOn: 'answered_on',
  receivedOn: 'received_on',
  credits: 'credits',
  reason: 'reason',
  description: 'description',
} as const;
export type RefundField = keyof typeof REFUND_BLOCKS;

/** Each input's action id: the same string as its block id. */
export const REFUND_ACTIONS = REFUND_BLOCKS;

export const REFUND_INTRO_BLOCK_ID = 'refund_intro';

/** Maximum lengths, in characters, of the free-text fields (the parser enforces them too). */
export const FIELD_LIMITS = { name: 100, phone: 30, service: 150, description: 2000 } as const;

export interface RefundModalOptions {
  locale: Locale;
  maxCredits: number;
  /** The professional's recent charges to start from; without any, the modal is the typed form alone. */
  charges?: ChargeChoice;
}

/** What the submission needs to know of the modal it came from (`private_metadata`). */
export interface RefundModalMetadata {
  chargeList: ChargeChoice['kind'];
}

interface InputOptions {
  label: MessageKey;
  optional?: boolean;
  hint?: MessageKey;
}

export function buildRefundModal({ locale, maxCredits, charges = { kind: 'none' } }: RefundModalOptions): ModalView {
  // With a list to choose from, what the ledger knows is typed only when the charge is not in it.
  const fromLedger = charges.kind !== 'none';
  const LEDGER_FIELDS: readonly RefundField[] = [
    'clientFirstName',
    'clientLastName',
    'service',
    'answeredOn',
    'credits',
  ];
  const input = (field: RefundField, element: InputBlock['element'], options: InputOptions): InputBlock => {
    const typedOnlyIfUnlisted = fromLedger && LEDGER_FIELDS.includes(field);
    const hint = typedOnlyIfUnlisted ? 'modal.if_not_listed_hint' : options.hint;
    return {
      type: 'input',
      block_id: REFUND_BLOCKS[field],
      label: plainText(t(locale, options.label)),
      optional: typedOnlyIfUnlisted || (options.optional ?? false),
      ...(hint ? { hint: plainText(t(locale, hint), BLOCK_KIT_LIMITS.hint) } : {}),
      element,
    };
  };
  const chargeBlocks: KnownBlock[] = fromLedger ? [buildChargeInput(charges, locale)] : [];
  const metadata: RefundModalMetadata = { chargeList: charges.kind };
  const A = REFUND_ACTIONS;

  const reasonOptions: PlainTextOption[] = REASONS.map((reason) => ({
    text: plainText(t(locale, `reason.${reason}`), BLOCK_KIT_LIMITS.optionText),
    value: reason,
  }));

  return {
    type: 'modal',
    callback_id: REFUND_MODAL_CALLBACK_ID,
    private_metadata: JSON.stringify(metadata),
    title: plainText(t(locale, 'modal.title'), BLOCK_KIT_LIMITS.modalTitle),
    submit: plainText(t(locale, 'modal.submit'), BLOCK_KIT_LIMITS.modalTitle),
    close: plainText(t(locale, 'modal.close'), BLOCK_KIT_LIMITS.modalTitle),
    blocks: [
      { type: 'section', block_id: REFUND_INTRO_BLOCK_ID, text: mrkdwn(t(locale, 'modal.intro')) },
      ...chargeBlocks,
      input(
        'clientFirstName',
        { type: 'plain_text_input', action_id: A.clientFirstName, max_length: FIELD_LIMITS.name },
        { label: 'modal.client_first_name' },
      ),
      input(
        'clientLastName',
        { type: 'plain_text_input', action_id: A.clientLastName, max_length: FIELD_LIMITS.name },
        { label: 'modal.client_last_name' },
      ),
      input(
        'clientPhone',
        { type: 'plain_text_input', action_id: A.clientPhone, max_length: FIELD_LIMITS.phone },
        { label: 'modal.client_phone', optional: true, hint: 'modal.client_phone_hint' },
      ),
      input(
        'service',
        { type: 'plain_text_input', action_id: A.service, max_length: FIELD_LIMITS.service },
        { label: 'modal.service' },
      ),
      input('answeredOn', { type: 'datepicker', action_id: A.answeredOn }, { label: 'modal.answered_on' }),
      input(
        'receivedOn',
        { type: 'datepicker', action_id: A.receivedOn },
        { label: 'modal.received_on', optional: true, hint: 'modal.received_on_hint' },
      ),
      input(
        'credits',
        {
          type: 'number_input',
          action_id: A.credits,
          is_decimal_allowed: false,
          min_value: '1',
          max_value: String(maxCredits),
        },
        { label: 'modal.credits' },
      ),
      input(
        'reason',
        {
          type: 'static_select',
          action_id: A.reason,
          placeholder: plainText(t(locale, 'modal.reason_placeholder')),
          options: reasonOptions,
        },
        { label: 'modal.reason' },
      ),
      // Optional for Slack: whether it is required depends on the reason, which the parser checks.
      input(
        'description',
        { type: 'plain_text_input', action_id: A.description, multiline: true, max_length: FIELD_LIMITS.description },
        { label: 'modal.description', optional: true, hint: 'modal.description_hint' },
      ),
      buildEvidenceInput(locale),
    ],
  };
}
