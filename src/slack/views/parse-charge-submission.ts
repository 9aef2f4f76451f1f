/**
 * Parser (pure): the refund form sent from a charge picked in the list. It reads the picked charge id and
 * validates only what the professional still gives (reason, description, fewer credits, a phone); the rest
 * comes from the ledger. The typed form's counterpart is parse-refund-submission.ts; both are used by
 * listeners/refund-submission.ts.
 */
import type { ChosenChargeForm } from '../../domain/charge-choice.ts';
import { t } from '../../i18n/messages.ts';
import { CHARGE_ACTION_ID, CHARGE_BLOCK_ID, NOT_LISTED_VALUE } from './charge-select.ts';
import {
  checkCredits,
  checkDescription,
  checkPhone,
  checkReason,
  inputRef,
  type RefundSubmissionContext,
} from './parse-refund-submission.ts';
import { FIELD_LIMITS, REFUND_BLOCKS, type RefundField } from './refund-modal.ts';
import { andThen, collectFields, ifGiven, readSelectedValue, readText, required } from './state-values.ts';

/** The charge picked in the modal's list; null when none was, or "not in the list" was. */
export function readChosenChargeId(values: unknown): string | null {
  const picked = readSelectedValue(values, { blockId: CHARGE_BLOCK_ID, actionId: CHARGE_ACTION_ID });
  if (!picked.ok || picked.value === null || picked.value === NOT_LISTED_VALUE) return null;
  return picked.value;
}

export type ChosenChargeResult = { ok: true; form: ChosenChargeForm } | { ok: false; errors: Record<string, string> };

/**
 * A submission that started from a charge: the case and its description are still the professional's
 * to give, credits only if fewer than charged, the phone only if the ledger has none. Whatever else was
 * typed is ignored: the ledger knows it.
 */
export function parseChosenChargeSubmission(
  values: unknown,
  chargeId: string,
  ctx: RefundSubmissionContext,
): ChosenChargeResult {
  const reason = andThen(required(readSelectedValue(values, inputRef('reason'))), checkReason);
  const fields = {
    reason,
    description: checkDescription(
      readText(values, inputRef('description'), { max: FIELD_LIMITS.description, multiline: true }),
      reason,
    ),
    credits: ifGiven(readText(values, inputRef('credits')), (raw) => checkCredits(raw, ctx.maxCredits)),
    clientPhone: ifGiven(readText(values, inputRef('clientPhone'), { max: FIELD_LIMITS.phone }), checkPhone),
  };
  const collected = collectFields(fields);
  if (collected.ok) return { ok: true, form: { chargeId, ...collected.values } };
  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(collected.problems)) {
    if (problem) errors[REFUND_BLOCKS[field as RefundField]] = t(ctx.locale, problem.key, problem.params);
  }
  return { ok: false, errors };
}
