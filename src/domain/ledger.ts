/**
 * What the marketplace charged: the policy says "assicurati di avere effettivamente utilizzato i
 * crediti per quella richiesta". Charges arrive from the marketplace (POST /ledger/charges or a CSV
 * export); the policy matches a claim to its charge when the professional has any ledger data.
 */

/** What made the platform charge: an answer to a client who shared a phone, or the client's chat message. */
export type ChargeTrigger = 'phone_answer' | 'client_chat';
export const CHARGE_TRIGGERS: readonly ChargeTrigger[] = ['phone_answer', 'client_chat'];

export interface Charge {
  chargeId: string;
  /** The professional's Slack user id (a marketplace id is mapped to it on ingestion). */
  professionalId: string;
  leadId: string;
  clientFirstName: string;
  clientLastName: string;
  clientPhone: string | null;
  service: string;
  leadReceivedAt: Date;
  chargedAt: Date;
  credits: number;
  trigger: ChargeTrigger;
}

/** What the policy knows of a professional's charges when it judges one claim. */
export interface LedgerView {
  /** False when the marketplace never reported a charge for this professional: nothing can be verified. */
  hasData: boolean;
  /** The professional's charges around the claim's dates (the caller picks the window). */
  charges: readonly Charge[];
  /** Refunds and charges of the last 90 days, for the reviewer's picture. */
  last90Days: { refunds: number; creditsRefunded: number; creditsCharged: number };
}
