/**
 * Parser (pure): the typed refund form's `view.state.values` into a `ClaimInput`, or every field's error at once
 * keyed by block id for `response_action: 'errors'`. Field checks only (phone, credits, reason, dates not in the
 * future): the refund policy itself is the domain's. Its checks are shared with parse-charge-submission.ts.
 */
import {
  REASONS,
  REASONS_NEEDING_DESCRIPTION,
  type ClaimInput,
  type IsoDate,
  type Reason,
} from '../../domain/claim.ts';
import { daysBetween } from '../../domain/rome-calendar.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { FIELD_LIMITS, REFUND_ACTIONS, REFUND_BLOCKS, type RefundField } from './refund-modal.ts';
import {
  andThen,
  collectFields,
  invalid,
  readPastDate,
  readSelectedValue,
  readText,
  ifGiven,
  required,
  valid,
  type Field,
  type InputRef,
} from './state-values.ts';

export interface RefundSubmissionContext {
  /** Today in Europe/Rome: no date in the form may be later. */
  today: IsoDate;
  maxCredits: number;
  locale: Locale;
}

export type RefundSubmissionResult =
  | { ok: true; input: ClaimInput }
  /** Messages keyed by the input block's block_id, ready for `response_action: 'errors'`. */
  | { ok: false; errors: Record<string, string> };

export function inputRef(field: RefundField): InputRef {
  return { blockId: REFUND_BLOCKS[field], actionId: REFUND_ACTIONS[field] };
}

// Digits, spaces, dots, dashes, parentheses, and a + only at the start.
const PHONE_CHARACTERS = /^\+?[0-9 .()-]+$/;
const PHONE_DIGITS = { min: 6, max: 15 } as const;

export function checkPhone(phone: string): Field<string> {
  const digits = phone.replace(/[^0-9]/g, '').length;
  const wellFormed = PHONE_CHARACTERS.test(phone) && digits >= PHONE_DIGITS.min && digits <= PHONE_DIGITS.max;
  return wellFormed ? valid(phone) : invalid('field.phone_invalid');
}

export function checkCredits(raw: string, max: number): Field<number> {
  // Digits only: Number() alone would accept '1e2', '0x10' and ' 1.0'.
  const credits = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  return Number.isSafeInteger(credits) && credits >= 1 && credits <= max
    ? valid(credits)
    : invalid('field.credits_invalid', { max });
}

export function checkReason(value: string): Field<Reason> {
  const reason = REASONS.find((known) => known === value);
  return reason === undefined ? invalid('field.reason_invalid') : valid(reason);
}

export function checkDescription(description: Field<string | null>, reason: Field<Reason>): Field<string | null> {
  const needed = reason.ok && REASONS_NEEDING_DESCRIPTION.includes(reason.value);
  return needed && description.ok && description.value === null ? invalid('field.description_required') : description;
}

/** The answer cannot come before the request it answers. */
function checkAnswerOrder(answeredOn: Field<IsoDate>, receivedOn: Field<IsoDate | null>): Field<IsoDate> {
  if (!answeredOn.ok || !receivedOn.ok || receivedOn.value === null) return answeredOn;
  return daysBetween(receivedOn.value, answeredOn.value) < 0 ? invalid('field.answered_before_received') : answeredOn;
}

/** Validates the refund modal's `view.state.values`, reporting every field's problem at once. */
export function parseRefundSubmission(values: unknown, ctx: RefundSubmissionContext): RefundSubmissionResult {
  const text = (field: RefundField, max: number, multiline = false) =>
    readText(values, inputRef(field), { max, multiline });
  const reason = andThen(required(readSelectedValue(values, inputRef('reason'))), checkReason);
  const receivedOn = readPastDate(values, inputRef('receivedOn'), ctx.today);

  const fields = {
    clientFirstName: required(text('clientFirstName', FIELD_LIMITS.name)),
    clientLastName: required(text('clientLastName', FIELD_LIMITS.name)),
    clientPhone: ifGiven(text('clientPhone', FIELD_LIMITS.phone), checkPhone),
    service: required(text('service', FIELD_LIMITS.service)),
    answeredOn: checkAnswerOrder(required(readPastDate(values, inputRef('answeredOn'), ctx.today)), receivedOn),
    receivedOn,
    credits: andThen(required(readText(values, inputRef('credits'))), (raw) => checkCredits(raw, ctx.maxCredits)),
    reason,
    description: checkDescription(text('description', FIELD_LIMITS.description, true), reason),
  } satisfies Record<Exclude<keyof ClaimInput, 'chosenChargeId'>, Field<unknown>>;

  const collected = collectFields(fields);
  if (collected.ok) return { ok: true, input: collected.values };
  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(collected.problems)) {
    if (problem) errors[REFUND_BLOCKS[field as RefundField]] = t(ctx.locale, problem.key, problem.params);
  }
  return { ok: false, errors };
}
