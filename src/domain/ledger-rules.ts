/** The policy's rules that read the ledger (no matching charge, credits above the charge, a refund share too high). Pure. */
import { DEFAULT_REFUND_SHARE_WARNING_PERCENT, type ClaimInput, type Finding, type Verdict } from './claim.ts';
import type { Charge, LedgerView } from './ledger.ts';
import { findDuplicateCharges, findEarlierChargeForLead, matchCharge, type ChargeMatch } from './ledger-match.ts';
import { romeDateOf } from './rome-calendar.ts';

/**
 * The policy's rules that need the marketplace's charges (src/domain/policy.ts applies them in its
 * order): whether credits were really charged, for how much, and what the reviewer should know.
 */

type Ineligible = Extract<Verdict, { kind: 'ineligible' }>;

/**
 * What the professional's charges say about the claim. `refunded` is the charge a refund would be
 * for: the matched one, or for "answered twice" the duplicate charged after the first.
 */
export type LedgerEvidence =
  | { kind: 'no_ledger' }
  | { kind: 'no_data' }
  | { kind: 'unmatched' }
  | { kind: 'matched'; ledger: LedgerView; match: ChargeMatch; refunded: Charge; duplicates: Charge[] };

/** Kept for callers that read the default; the policy takes REFUND_SHARE_WARNING_PERCENT from its config. */
export const REFUND_SHARE_WARNING_PERCENT = DEFAULT_REFUND_SHARE_WARNING_PERCENT;

/** The `differences` param of a `ledger_match` finding when the form and the charge agree exactly. */
export const NO_DIFFERENCES = '—';

export function readLedger(input: ClaimInput, ledger: LedgerView | undefined): LedgerEvidence {
  if (!ledger) return { kind: 'no_ledger' };
  if (!ledger.hasData) return { kind: 'no_data' };
  const match = input.chosenChargeId
    ? chosenCharge(input.chosenChargeId, ledger.charges)
    : matchCharge(input, ledger.charges);
  if (!match) return { kind: 'unmatched' };
  const duplicates = input.reason === 'answered_twice' ? findDuplicateCharges(match.charge, ledger.charges) : [];
  return { kind: 'matched', ledger, match, refunded: chargeToRefund(match.charge, duplicates), duplicates };
}

/** The charge picked from the modal's list is the match, with nothing to tolerate; gone, nothing matches. */
function chosenCharge(chargeId: string, charges: readonly Charge[]): ChargeMatch | undefined {
  const charge = charges.find((candidate) => candidate.chargeId === chargeId);
  return charge && { charge, score: Number.POSITIVE_INFINITY, differences: [] };
}

/**
 * "Rispondi due volte allo stesso potenziale cliente": the first charge was due, the second was not.
 * If the form matched a later one, that is the refund; if it matched the first, the one after it.
 */
function chargeToRefund(matched: Charge, duplicates: readonly Charge[]): Charge {
  const firstDuplicate = duplicates[0];
  return firstDuplicate && firstDuplicate.chargedAt >= matched.chargedAt ? firstDuplicate : matched;
}

/** "Assicurati di avere effettivamente utilizzato i crediti": only charged credits are refunded. */
export function checkCharged(evidence: LedgerEvidence): Ineligible | null {
  if (evidence.kind !== 'unmatched') return null;
  return { kind: 'ineligible', rule: 'no_matching_charge', params: {} };
}

export function checkCreditsCharged(input: ClaimInput, evidence: LedgerEvidence): Ineligible | null {
  if (evidence.kind !== 'matched') return null;
  const charged = evidence.refunded.credits;
  if (input.credits <= charged) return null;
  return { kind: 'ineligible', rule: 'credits_exceed_charge', params: { claimed: input.credits, charged } };
}

/** "Assicurati di avere effettivamente utilizzato i crediti": what the ledger confirms, or that nothing could be. */
export function ledgerFindings(
  input: ClaimInput,
  evidence: LedgerEvidence,
  maxSharePercent: number = DEFAULT_REFUND_SHARE_WARNING_PERCENT,
): Finding[] {
  switch (evidence.kind) {
    case 'no_ledger':
      return [{ code: 'credits_unverified', level: 'warning', params: { credits: input.credits } }];
    case 'no_data':
      return [{ code: 'ledger_missing', level: 'warning', params: { credits: input.credits } }];
    case 'unmatched':
      // checkCharged made the claim ineligible; kept for exhaustiveness.
      return [];
    case 'matched': {
      const { match, refunded, duplicates, ledger } = evidence;
      const findings: Finding[] = [input.chosenChargeId ? chosenFinding(match.charge) : matchFinding(match)];
      if (input.reason === 'answered_twice') findings.push(duplicatesFinding(match.charge, refunded, duplicates));
      const earlier = findEarlierChargeForLead(refunded, ledger.charges);
      if (earlier) {
        findings.push({
          code: 'later_interaction_charged',
          level: 'ok',
          params: { chargeId: refunded.chargeId, earlierChargeId: earlier.chargeId },
        });
      }
      findings.push(refundShareFinding(ledger.last90Days, maxSharePercent));
      return findings;
    }
  }
}

function matchFinding({ charge, differences }: ChargeMatch): Finding {
  return {
    code: 'ledger_match',
    level: 'ok',
    params: {
      chargeId: charge.chargeId,
      credits: charge.credits,
      chargedOn: romeDateOf(charge.chargedAt),
      differences: differences.length > 0 ? differences.join(', ') : NO_DIFFERENCES,
    },
  };
}

/** The earliest charge of the duplicates other than the refunded one: the one that was due. */
function firstOf(matched: Charge, duplicates: readonly Charge[], refunded: Charge): Charge {
  return (
    [matched, ...duplicates]
      .filter((c) => c.chargeId !== refunded.chargeId)
      .sort((a, b) => a.chargedAt.getTime() - b.chargedAt.getTime())[0] ?? matched
  );
}

/** The professional picked the charge from the ledger's own list: nothing was typed to compare. */
function chosenFinding(charge: Charge): Finding {
  return {
    code: 'ledger_chosen',
    level: 'ok',
    params: { chargeId: charge.chargeId, credits: charge.credits, chargedOn: romeDateOf(charge.chargedAt) },
  };
}

/** "Ti vengono scalati i crediti per entrambe": without a second charge there is nothing to refund twice. */
function duplicatesFinding(matched: Charge, refunded: Charge, duplicates: readonly Charge[]): Finding {
  if (duplicates.length === 0) return { code: 'duplicate_charges_missing', level: 'warning', params: {} };
  return {
    code: 'duplicate_charges_found',
    level: 'ok',
    params: {
      count: duplicates.length + 1,
      chargeId: refunded.chargeId,
      firstChargeId: firstOf(matched, duplicates, refunded).chargeId,
    },
  };
}

function refundShareFinding(last90Days: LedgerView['last90Days'], maxShare: number): Finding {
  const { refunds, creditsRefunded, creditsCharged } = last90Days;
  const share = refundSharePercent(creditsRefunded, creditsCharged);
  return {
    code: 'refund_share',
    level: exceedsShare(creditsRefunded, creditsCharged, maxShare) ? 'warning' : 'info',
    params: { refunds, creditsRefunded, creditsCharged, share, maxShare },
  };
}

/** The whole percent the reviewer reads; 0 when nothing was charged. */
export function refundSharePercent(creditsRefunded: number, creditsCharged: number): number {
  return creditsCharged > 0 ? Math.round((100 * creditsRefunded) / creditsCharged) : 0;
}

/** Over `maxShare` % as the reviewer reads it (rounded): 21 of 100 is over 20 %, 102 of 500 (20 %) is not. */
export function exceedsShare(creditsRefunded: number, creditsCharged: number, maxShare: number): boolean {
  return refundSharePercent(creditsRefunded, creditsCharged) > maxShare;
}
