/** The charges a professional may pick in the form: which of their ledger charges are offered, and how each reads. Pure. */
import type { ClaimInput, Reason } from './claim.ts';
import type { Charge } from './ledger.ts';
import { romeDateOf } from './rome-calendar.ts';

/** The charges the modal offers: those of the last 30 days, as the policy's window counts them. */
export const CHARGE_CHOICE_DAYS = 30;

/** A static select holds at most 100 options, and "not in the list" takes one: more go to a typeahead. */
export const STATIC_CHARGE_OPTIONS = 99;

/**
 * What the modal offers to start from: nothing (no ledger data, or no charge in the last 30 days),
 * the charges themselves, newest first, or — with more than a static select holds — a typeahead.
 */
export type ChargeChoice = { kind: 'none' } | { kind: 'static'; charges: readonly Charge[] } | { kind: 'external' };

/** From the newest charges, at most STATIC_CHARGE_OPTIONS + 1 of them, what the modal offers. */
export function chooseChargePicker(newestCharges: readonly Charge[]): ChargeChoice {
  if (newestCharges.length === 0) return { kind: 'none' };
  if (newestCharges.length > STATIC_CHARGE_OPTIONS) return { kind: 'external' };
  return { kind: 'static', charges: newestCharges };
}

/** The first instant whose charges the modal still offers (30 × 24 hours before `now`). */
export function chargeChoiceSince(now: Date): Date {
  return new Date(now.getTime() - CHARGE_CHOICE_DAYS * 86_400_000);
}

/** What the professional still gives when they picked the charge: the case, and what they may add. */
export interface ChosenChargeForm {
  chargeId: string;
  reason: Reason;
  description: string | null;
  /** Fewer credits than charged, if the professional typed a number; else the charge's own. */
  credits: number | null;
  clientPhone: string | null;
}

/** The claim as the ledger knows it: client, service, dates and credits come from the charge. */
export function claimInputFromCharge(charge: Charge, form: ChosenChargeForm): ClaimInput {
  return {
    clientFirstName: charge.clientFirstName,
    clientLastName: charge.clientLastName,
    clientPhone: charge.clientPhone ?? form.clientPhone,
    service: charge.service,
    answeredOn: romeDateOf(charge.chargedAt),
    receivedOn: romeDateOf(charge.leadReceivedAt),
    credits: form.credits ?? charge.credits,
    reason: form.reason,
    description: form.description,
    chosenChargeId: charge.chargeId,
  };
}
