/**
 * Sandbox: builders of the payloads Slack posts to the app (slash commands, block actions, view submissions
 * with the refund form's state, event envelopes), starting from one default claim. Used by the tests, the
 * demo and the benchmark.
 */
import { randomUUID } from 'node:crypto';
import type { ClaimInput } from '../domain/claim.ts';
import { CHARGE_ACTION_ID, CHARGE_BLOCK_ID } from '../slack/views/charge-select.ts';
import {
  REFUND_ACTIONS,
  REFUND_BLOCKS,
  REFUND_MODAL_CALLBACK_ID,
  type RefundField,
} from '../slack/views/refund-modal.ts';

/** Factories for what Slack posts to the app, with overrides: used by the tests, the demo and the benchmark. */

/** The form's fields as the user typed them; null is an input left empty. */
export type StateOverrides = Partial<Record<RefundField, string | null>>;

/**
 * The one default claim: Maria Bianchi, answered 12 November, 5 credits, "No, grazie". The unit
 * tests' factories (test/support/factories.ts), the form state below and the demo start from it.
 */
export const DEFAULT_CLAIM_INPUT: Readonly<ClaimInput> = {
  clientFirstName: 'Maria',
  clientLastName: 'Bianchi',
  clientPhone: '+39 333 1234567',
  service: 'Imbiancatura',
  answeredOn: '2026-11-12',
  receivedOn: '2026-11-10',
  credits: 5,
  reason: 'no_grazie',
  description: null,
};

/** A claim as the professional would type it into the form. */
export function formStateOf(input: ClaimInput): Record<RefundField, string | null> {
  return {
    clientFirstName: input.clientFirstName,
    clientLastName: input.clientLastName,
    clientPhone: input.clientPhone,
    service: input.service,
    answeredOn: input.answeredOn,
    receivedOn: input.receivedOn,
    credits: String(input.credits),
    reason: input.reason,
    description: input.description,
  };
}

const DEFAULT_STATE = formStateOf(DEFAULT_CLAIM_INPUT);

function elementState(field: RefundField, value: string | null): Record<string, unknown> {
  switch (field) {
    case 'answeredOn':
    case 'receivedOn':
      return { type: 'datepicker', selected_date: value };
    case 'credits':
      return { type: 'number_input', value };
    case 'reason':
      return {
        type: 'static_select',
        selected_option: value === null ? null : { text: { type: 'plain_text', text: value }, value },
      };
    default:
      return { type: 'plain_text_input', value };
  }
}

/** Slack's `view.state.values` for the refund modal, as a valid claim unless overridden. */
export function buildStateValues(overrides: StateOverrides = {}): Record<string, Record<string, unknown>> {
  const state = { ...DEFAULT_STATE, ...overrides };
  return Object.fromEntries(
    (Object.keys(REFUND_BLOCKS) as RefundField[]).map((field) => [
      REFUND_BLOCKS[field],
      { [REFUND_ACTIONS[field]]: elementState(field, state[field]) },
    ]),
  );
}

/** Stands for the app under test's own response_url; the test app's sender puts the real one in. */
export const RESPONSE_URL_PLACEHOLDER = 'https://response-url.invalid/placeholder';

/** The integration tests' claim: the default one for another client, eligible on 20 November 2026, 12 credits. */
export type RefundFormFields = StateOverrides;
export const DEFAULT_FORM: Required<StateOverrides> = formStateOf({
  ...DEFAULT_CLAIM_INPUT,
  clientLastName: 'Rossi',
  clientPhone: '+39 333 123 4567',
  service: 'Imbianchino',
  answeredOn: '2026-11-10',
  receivedOn: '2026-11-09',
  credits: 12,
});

export function buildRefundStateValues(overrides: StateOverrides = {}) {
  return buildStateValues({ ...DEFAULT_FORM, ...overrides });
}

/** The form's state with a charge picked from the list (a static or external select: the same shape). */
export function withChosenCharge(values: Record<string, Record<string, unknown>>, chargeId: string | null) {
  const selected = chargeId === null ? null : { text: { type: 'plain_text', text: chargeId }, value: chargeId };
  return { ...values, [CHARGE_BLOCK_ID]: { [CHARGE_ACTION_ID]: { type: 'static_select', selected_option: selected } } };
}

/** What Slack posts when a professional types in an external select (the options load). */
export function buildBlockSuggestion(options: { user?: string; value: string; actionId?: string; blockId?: string }) {
  return {
    type: 'block_suggestion',
    user: { id: options.user ?? 'UPRO', username: 'pro', name: 'pro', team_id: 'T1' },
    container: { type: 'view', view_id: 'V0MODAL' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    action_id: options.actionId ?? CHARGE_ACTION_ID,
    block_id: options.blockId ?? CHARGE_BLOCK_ID,
    value: options.value,
    team: { id: 'T1', domain: 'acme' },
    view: {
      id: 'V0MODAL',
      team_id: 'T1',
      type: 'modal',
      callback_id: REFUND_MODAL_CALLBACK_ID,
      private_metadata: '{"chargeList":"external"}',
      state: { values: {} },
    },
  };
}

export function buildSlashCommand(overrides: Record<string, string> = {}) {
  return {
    command: '/rimborso',
    text: '',
    team_id: 'T1',
    team_domain: 'acme',
    channel_id: 'D0PRO',
    channel_name: 'directmessage',
    user_id: 'UPRO',
    user_name: 'pro',
    trigger_id: `trigger-${randomUUID()}`,
    response_url: RESPONSE_URL_PLACEHOLDER,
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    ...overrides,
  };
}

export function buildViewSubmission(
  options: { user?: string; viewId?: string; values?: unknown; callbackId?: string; privateMetadata?: string } = {},
) {
  return {
    type: 'view_submission',
    team: { id: 'T1', domain: 'acme' },
    user: { id: options.user ?? 'UPRO', username: 'pro', name: 'pro', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${randomUUID()}`,
    view: {
      id: options.viewId ?? `V${randomUUID().slice(0, 8).toUpperCase()}`,
      team_id: 'T1',
      type: 'modal',
      callback_id: options.callbackId ?? REFUND_MODAL_CALLBACK_ID,
      private_metadata: options.privateMetadata ?? '',
      hash: '1700000000.abc',
      state: { values: options.values ?? buildRefundStateValues() },
      blocks: [],
      title: { type: 'plain_text', text: 'Rimborso crediti' },
      app_id: 'A1',
      bot_id: 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

export function buildBlockAction(options: {
  actionId: string;
  value: string;
  user: string;
  channel?: string;
  messageTs?: string;
}) {
  return {
    type: 'block_actions',
    team: { id: 'T1', domain: 'acme' },
    user: { id: options.user, username: options.user.toLowerCase(), name: options.user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${randomUUID()}`,
    container: {
      type: 'message',
      message_ts: options.messageTs ?? '1700000000.000001',
      channel_id: options.channel ?? 'CREVIEW',
      is_ephemeral: false,
    },
    channel: { id: options.channel ?? 'CREVIEW', name: 'rimborsi-review' },
    message: { type: 'message', ts: options.messageTs ?? '1700000000.000001', text: '', blocks: [] },
    response_url: RESPONSE_URL_PLACEHOLDER,
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: 'review_actions',
        value: options.value,
        action_ts: '1700000001.000000',
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  };
}

let eventCounter = 0;
export function buildEventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev${String(++eventCounter).padStart(6, '0')}${Date.now()}`,
) {
  return {
    token: 'legacy-verification-token',
    team_id: 'T1',
    api_app_id: 'A1',
    event: { event_ts: '1700000002.000100', ts: '1700000002.000100', ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: 1700000002,
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
  };
}

/** A direct message to the app, from the professional UPRO unless `overrides` say otherwise. */
export function buildDirectMessage(text: string, overrides: Record<string, unknown> = {}) {
  return buildEventEnvelope({
    type: 'message',
    channel: 'D0PRO',
    channel_type: 'im',
    user: 'UPRO',
    text,
    ...overrides,
  });
}
