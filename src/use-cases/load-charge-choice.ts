/**
 * Use case (read-only): the ledger's charges for the refund form — the professional's recent charges the picker
 * starts from, the typeahead's search among them, and the claim input made from a chosen charge (only if it is
 * that professional's). Used by listeners/refund-form.ts and listeners/refund-submission.ts.
 */
import { findChargeOfProfessional, listRecentCharges, searchRecentCharges } from '../db/charge.repository.ts';
import type { Db } from '../db/database.ts';
import {
  STATIC_CHARGE_OPTIONS,
  chargeChoiceSince,
  claimInputFromCharge,
  chooseChargePicker,
  type ChargeChoice,
  type ChosenChargeForm,
} from '../domain/charge-choice.ts';
import type { ClaimInput } from '../domain/claim.ts';
import type { Charge } from '../domain/ledger.ts';
import { normaliseService } from '../domain/ledger-match.ts';

/** One indexed query: the newest charges of the last 30 days, one more than a static select holds. */
export async function loadChargeChoice(db: Db, professionalId: string, now: Date): Promise<ChargeChoice> {
  return chooseChargePicker(
    await listRecentCharges(db, professionalId, chargeChoiceSince(now), STATIC_CHARGE_OPTIONS + 1),
  );
}

/** The typeahead's answer: the charges whose client or service holds every typed word. */
export async function searchChargeChoice(
  db: Db,
  professionalId: string,
  typed: string,
  now: Date,
  limit: number,
): Promise<Charge[]> {
  const words = normaliseService(typed).split(' ').filter(Boolean).slice(0, 5);
  return searchRecentCharges(db, professionalId, chargeChoiceSince(now), words, limit);
}

/** The claim a chosen charge makes, with what the form added; undefined when it is not this professional's. */
export async function claimInputFromChosenCharge(
  db: Db,
  chargeId: string,
  professionalId: string,
  form: ChosenChargeForm,
): Promise<ClaimInput | undefined> {
  const charge = await findChargeOfProfessional(db, chargeId, professionalId);
  return charge && claimInputFromCharge(charge, form);
}
