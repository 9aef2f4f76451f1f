/**
 * The refund form's field errors for a claim the professional can still correct (a correctable policy rule, or
 * too many claims already pending), as `response_action: 'errors'` keyed by block id. Used by
 * listeners/refund-submission.ts; which block gets a form-wide error depends on whether the form had a charge list.
 */
import type { IneligibleRule } from '../../domain/claim.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { CHARGE_BLOCK_ID } from './charge-select.ts';
import { REFUND_BLOCKS } from './refund-modal.ts';

/** Where the form was when it was sent: whether it offered a list, and whether a charge was picked from it. */
export interface FormShape {
  chargeList: boolean;
  chargeChosen: boolean;
}

/** The block a form-wide problem is shown under: the picker when there is one, else the first field. */
function topBlock(shape: FormShape): string {
  return shape.chargeList ? CHARGE_BLOCK_ID : REFUND_BLOCKS.clientFirstName;
}

/** A correctable rule of the policy as the field errors of `response_action: 'errors'`. */
export function correctionErrors(
  rule: IneligibleRule,
  params: Record<string, string | number>,
  shape: FormShape,
  locale: Locale,
): Record<string, string> {
  switch (rule) {
    case 'credits_exceed_charge':
      return { [REFUND_BLOCKS.credits]: t(locale, 'field.credits_exceed_charge', params) };
    case 'credits_out_of_range':
      return { [REFUND_BLOCKS.credits]: t(locale, 'field.credits_invalid', params) };
    case 'description_required':
      return { [REFUND_BLOCKS.description]: t(locale, 'field.description_required') };
    case 'no_matching_charge':
      if (shape.chargeChosen) return { [CHARGE_BLOCK_ID]: t(locale, 'field.charge_unknown') };
      return {
        [topBlock(shape)]: t(
          locale,
          shape.chargeList ? 'field.no_matching_charge' : 'field.no_matching_charge_no_list',
        ),
      };
    default:
      throw new RangeError(`rule ${rule} is not one the form can correct`);
  }
}

/** One claim more than the limit would wait: the field error names the claims already waiting. */
export function tooManyPendingErrors(
  pending: readonly string[],
  max: number,
  shape: FormShape,
  locale: Locale,
): Record<string, string> {
  return {
    [topBlock(shape)]: t(locale, 'field.too_many_pending', {
      count: pending.length,
      references: pending.join(', '),
      max,
    }),
  };
}
