/**
 * Builder (pure): the refund form's charge picker — the professional's recent charges from the ledger, one
 * option each, plus "not in the list". A static select when few, else an external select whose typeahead
 * options (`buildChargeOptions`) listeners/refund-form.ts serves. Option texts fit Slack's 75 characters.
 */
import type { InputBlock, PlainTextOption } from '@slack/types';
import { format } from 'date-fns/format';
import { enGB } from 'date-fns/locale/en-GB';
import { it as itLocale } from 'date-fns/locale/it';
import type { ChargeChoice } from '../../domain/charge-choice.ts';
import type { Charge } from '../../domain/ledger.ts';

export type { ChargeChoice };
import { STATIC_CHARGE_OPTIONS } from '../../domain/charge-choice.ts';
import { romeDateOf } from '../../domain/rome-calendar.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, fitPlainText, plainText } from '../messages/slack-text.ts';

/** The modal's charge picker: its block, its action (also the options load's action id) and "not listed". */
export const CHARGE_BLOCK_ID = 'charge';
export const CHARGE_ACTION_ID = 'charge';
export const NOT_LISTED_VALUE = 'not_listed';

/** An options load answers with at most 100 options; "not in the list" takes one of them. */
export const EXTERNAL_CHARGE_OPTIONS_MAX = 99;

const shortDate = { it: itLocale, en: enGB } as const;

// Budgets so that "client · service · date · credits" stays within an option's 75 characters.
const OPTION_BUDGET = { client: 26, service: 22 } as const;

/** "Maria Rossi · Imbianchino · 10 nov · 12 crediti": readable at a glance, at most 75 characters. */
export function describeChargeOption(charge: Charge, locale: Locale): string {
  const [y, m, d] = romeDateOf(charge.chargedAt).split('-').map(Number) as [number, number, number];
  const text = t(locale, charge.credits === 1 ? 'charge.option_one' : 'charge.option', {
    client: fitPlainText(
      `${charge.clientFirstName} ${charge.clientLastName}`.replace(/\s+/g, ' '),
      OPTION_BUDGET.client,
    ),
    service: fitPlainText(charge.service.replace(/\s+/g, ' '), OPTION_BUDGET.service),
    date: format(new Date(y, m - 1, d), 'd MMM', { locale: shortDate[locale] }),
    credits: charge.credits,
  });
  // Counted as Slack counts plain_text: after it escapes `&<>` (an `&` weighs 5).
  return fitPlainText(text, BLOCK_KIT_LIMITS.optionText);
}

export function buildChargeOption(charge: Charge, locale: Locale): PlainTextOption {
  return { text: plainText(describeChargeOption(charge, locale)), value: charge.chargeId };
}

export function buildNotListedOption(locale: Locale): PlainTextOption {
  return { text: plainText(t(locale, 'charge.not_listed'), BLOCK_KIT_LIMITS.optionText), value: NOT_LISTED_VALUE };
}

/** The options an external select shows for what the professional typed (the charges already filtered). */
export function buildChargeOptions(charges: readonly Charge[], locale: Locale): PlainTextOption[] {
  return [
    buildNotListedOption(locale),
    ...charges.slice(0, EXTERNAL_CHARGE_OPTIONS_MAX).map((c) => buildChargeOption(c, locale)),
  ];
}

/** The picker, first in the form; optional: leaving it (or choosing "not in the list") means typing. */
export function buildChargeInput(choice: Exclude<ChargeChoice, { kind: 'none' }>, locale: Locale): InputBlock {
  const placeholder = plainText(t(locale, 'charge.placeholder'), 150);
  const element: InputBlock['element'] =
    choice.kind === 'static'
      ? {
          type: 'static_select',
          action_id: CHARGE_ACTION_ID,
          placeholder,
          options: [
            ...choice.charges.slice(0, STATIC_CHARGE_OPTIONS).map((c) => buildChargeOption(c, locale)),
            buildNotListedOption(locale),
          ],
        }
      : { type: 'external_select', action_id: CHARGE_ACTION_ID, placeholder, min_query_length: 0 };
  return {
    type: 'input',
    block_id: CHARGE_BLOCK_ID,
    optional: true,
    label: plainText(t(locale, 'charge.label')),
    hint: plainText(t(locale, 'charge.hint')),
    element,
  };
}
