/** The refund policy as one function, evaluateClaim: eligible or not, with the findings a reviewer reads. Pure: `now` and the ledger come in. */
import { APPROVED, OPEN_OR_APPROVED, PENDING_REVIEW } from './claim-state.ts';
import {
  REASONS_NEEDING_DESCRIPTION,
  type ClaimInput,
  type Finding,
  type IsoDate,
  type PolicyConfig,
  type PriorClaim,
  type Verdict,
} from './claim.ts';
import type { LedgerView } from './ledger.ts';
import { normaliseClientName } from './ledger-match.ts';
import {
  REFUND_SHARE_WARNING_PERCENT,
  checkCharged,
  checkCreditsCharged,
  ledgerFindings,
  readLedger,
  type LedgerEvidence,
} from './ledger-rules.ts';
import { daysBetween, romeDateOf } from './rome-calendar.ts';

export { normaliseClientName, REFUND_SHARE_WARNING_PERCENT };

/**
 * The refund policy ("Rimborso dei crediti") as a pure function. Rules that the article states as
 * hard limits make a claim ineligible; everything else is left to the team, which the article says
 * examines every claim ("Ogni richiesta viene analizzata dal nostro team"), as findings.
 */

type Ineligible = Extract<Verdict, { kind: 'ineligible' }>;

interface RefundWindow {
  startDate: IsoDate;
  days: number;
  /** Where the start date comes from: the form's received date, its answer date, or the ledger's lead. */
  source: 'received' | 'answer' | 'ledger';
}

/**
 * Checks the claim against the policy; the first failing rule wins, in the order below:
 * 1. the form's own limits (credits in range, a description where needed);
 * 2. with ledger data, a charge must match: a typo that hides it is the professional's to correct
 *    (a field error), and the form's dates of an unmatched claim prove nothing about the lead;
 * 3. the window, from the matched charge's lead when there is one, else from the form's dates. It
 *    comes before the credits' check because no correction can change it;
 * 4. at most the credits charged (correctable);
 * 5. the claims already made (the same claim twice, a second mistake).
 * Rules in CORRECTABLE_RULES are shown in the form and never stored; the rest make a claim ineligible.
 *
 * `ledger` is the professional's charges. Without it the rules are those of the form alone and the
 * credits are reported unverified; with `hasData` false, nothing is matched and the reviewer is told.
 */
export function evaluateClaim(
  input: ClaimInput,
  priorClaims: readonly PriorClaim[],
  config: PolicyConfig,
  now: Date,
  ledger?: LedgerView,
): Verdict {
  const evidence = readLedger(input, ledger);
  const window = measureWindow(input, evidence, now);
  const ineligible =
    checkCredits(input, config) ??
    checkDescription(input) ??
    checkCharged(evidence) ??
    checkWindow(window, config) ??
    checkCreditsCharged(input, evidence) ??
    checkDuplicate(input, priorClaims) ??
    checkMistakeAlreadyRefunded(input, priorClaims);
  if (ineligible) return ineligible;
  const findings = collectFindings(input, priorClaims, config, window, evidence);
  if (evidence.kind !== 'matched') return { kind: 'to_review', findings };
  const chosen = input.chosenChargeId ? { chargeChosen: true } : {};
  return { kind: 'to_review', findings, matchedChargeId: evidence.refunded.chargeId, ...chosen };
}

/**
 * "Il rimborso può essere richiesto entro 30 giorni dalla ricezione della richiesta." With a matched
 * charge the lead's own arrival counts, not what the form says. Otherwise the form makes the received
 * date optional, so without it we count from the answer, which can only come later (the professional
 * gets the benefit of the doubt). Days are Rome calendar days.
 */
function measureWindow(input: ClaimInput, evidence: LedgerEvidence, now: Date): RefundWindow {
  const today = romeDateOf(now);
  if (evidence.kind === 'matched') {
    const startDate = romeDateOf(evidence.refunded.leadReceivedAt);
    return { startDate, days: daysBetween(startDate, today), source: 'ledger' };
  }
  const startDate = input.receivedOn ?? input.answeredOn;
  return { startDate, days: daysBetween(startDate, today), source: input.receivedOn === null ? 'answer' : 'received' };
}

/** The professional must state "il numero di crediti utilizzati"; a claim is for whole credits. */
function checkCredits(input: ClaimInput, config: PolicyConfig): Ineligible | null {
  const max = config.maxCreditsPerClaim;
  if (Number.isInteger(input.credits) && input.credits >= 1 && input.credits <= max) return null;
  return { kind: 'ineligible', rule: 'credits_out_of_range', params: { max } };
}

/** Changed details and terms violations cannot be judged without the professional's account of them. */
function checkDescription(input: ClaimInput): Ineligible | null {
  if (!REASONS_NEEDING_DESCRIPTION.includes(input.reason)) return null;
  if (input.description !== null && input.description.trim() !== '') return null;
  return { kind: 'ineligible', rule: 'description_required', params: {} };
}

/**
 * "Entro 30 giorni": day 30 is still inside. A start date in the future (days < 0) is the form
 * parser's to reject; here it simply counts as inside the window.
 */
function checkWindow(window: RefundWindow, config: PolicyConfig): Ineligible | null {
  if (window.days <= config.windowDays) return null;
  return {
    kind: 'ineligible',
    rule: 'window_expired',
    params: { windowDays: config.windowDays, days: window.days, startDate: window.startDate },
  };
}

/**
 * The same client and answer date already has a claim that is waiting or was refunded. Rejected and
 * ineligible claims do not hold the spot: the professional may ask again, e.g. with a description.
 */
function checkDuplicate(input: ClaimInput, priorClaims: readonly PriorClaim[]): Ineligible | null {
  const client = normaliseClientName(input.clientFirstName, input.clientLastName);
  const prior = priorClaims.find(
    (claim) =>
      OPEN_OR_APPROVED.includes(claim.status) &&
      claim.answeredOn === input.answeredOn &&
      normaliseClientName(claim.clientFirstName, claim.clientLastName) === client,
  );
  if (!prior) return null;
  return { kind: 'ineligible', rule: 'duplicate_claim', params: { reference: prior.reference } };
}

/** "Se dovesse succedere una volta, ti verremo incontro [...] Eventuali errori successivi non potranno essere rimborsati." */
function checkMistakeAlreadyRefunded(input: ClaimInput, priorClaims: readonly PriorClaim[]): Ineligible | null {
  if (input.reason !== 'sent_by_mistake') return null;
  const refunded = findPriorMistake(priorClaims, APPROVED);
  if (!refunded) return null;
  return { kind: 'ineligible', rule: 'mistake_already_refunded', params: { reference: refunded.reference } };
}

function findPriorMistake(priorClaims: readonly PriorClaim[], status: PriorClaim['status']): PriorClaim | undefined {
  return priorClaims.find((claim) => claim.reason === 'sent_by_mistake' && claim.status === status);
}

function collectFindings(
  input: ClaimInput,
  priorClaims: readonly PriorClaim[],
  config: PolicyConfig,
  window: RefundWindow,
  evidence: LedgerEvidence,
): Finding[] {
  const findings: Finding[] = [windowFinding(window, config), reasonFinding(input)];
  const pendingMistake = input.reason === 'sent_by_mistake' ? findPriorMistake(priorClaims, PENDING_REVIEW) : undefined;
  // Only one mistake is refunded: if both are approved, the second refund breaks the policy.
  if (pendingMistake) {
    findings.push({
      code: 'mistake_pending_elsewhere',
      level: 'warning',
      params: { reference: pendingMistake.reference },
    });
  }
  findings.push(...ledgerFindings(input, evidence, config.refundShareWarningPercent));
  // "Esclusivamente sotto forma di crediti [...] e non in denaro."
  findings.push({ code: 'refund_as_credits', level: 'info', params: {} });
  return findings;
}

/** Without the received date the count is only an approximation, so it is information, not an "ok". */
function windowFinding(window: RefundWindow, config: PolicyConfig): Finding {
  const params = { windowDays: config.windowDays, days: window.days, startDate: window.startDate };
  switch (window.source) {
    case 'ledger':
      return { code: 'window_ok_from_ledger', level: 'ok', params };
    case 'received':
      return { code: 'window_ok', level: 'ok', params };
    case 'answer':
      return { code: 'window_ok_from_answer', level: 'info', params };
  }
}

/** A first mistake is refundable by the policy's own words; the other cases need the team's check. */
function reasonFinding(input: ClaimInput): Finding {
  return {
    code: `reason_${input.reason}`,
    level: input.reason === 'sent_by_mistake' ? 'ok' : 'info',
    params: {},
  };
}
