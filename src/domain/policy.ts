import {
  OPEN_OR_APPROVED,
  REASONS_NEEDING_DESCRIPTION,
  type ClaimInput,
  type Finding,
  type IsoDate,
  type PolicyConfig,
  type PriorClaim,
  type Verdict,
} from './claim.ts';
import { daysBetween, romeDateOf } from './rome-calendar.ts';

/**
 * The refund policy ("Rimborso dei crediti") as a pure function. Rules that the article states as
 * hard limits make a claim ineligible; everything else is left to the team, which the article says
 * examines every claim ("Ogni richiesta viene analizzata dal nostro team"), as findings.
 */

type Ineligible = Extract<Verdict, { kind: 'ineligible' }>;

interface RefundWindow {
  startDate: IsoDate;
  days: number;
  fromAnswer: boolean;
}

/**
 * The key under which two claims name the same client: lower-case, accent-free, single spaces,
 * "first last". People type "José  Rossi" one day and "jose rossi" the next.
 */
export function normaliseClientName(first: string, last: string): string {
  return `${first} ${last}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    // Phones type ’ where keyboards type ': D’Angelo and D'Angelo are the same client.
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Checks the claim against the policy; the first failing rule wins, in the order below. */
export function evaluateClaim(
  input: ClaimInput,
  priorClaims: readonly PriorClaim[],
  config: PolicyConfig,
  now: Date,
): Verdict {
  const window = measureWindow(input, now);
  const ineligible =
    checkCredits(input, config) ??
    checkDescription(input) ??
    checkWindow(window, config) ??
    checkDuplicate(input, priorClaims) ??
    checkMistakeAlreadyRefunded(input, priorClaims);
  if (ineligible) return ineligible;
  return { kind: 'to_review', findings: collectFindings(input, priorClaims, config, window) };
}

/**
 * "Il rimborso può essere richiesto entro 30 giorni dalla ricezione della richiesta." The form makes
 * the received date optional, so without it we count from the answer, which can only come later
 * (the professional gets the benefit of the doubt). Days are Rome calendar days.
 */
function measureWindow(input: ClaimInput, now: Date): RefundWindow {
  const startDate = input.receivedOn ?? input.answeredOn;
  return { startDate, days: daysBetween(startDate, romeDateOf(now)), fromAnswer: input.receivedOn === null };
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
  const refunded = findPriorMistake(priorClaims, 'approved');
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
): Finding[] {
  const findings: Finding[] = [windowFinding(window, config), reasonFinding(input)];
  const pendingMistake = input.reason === 'sent_by_mistake' ? findPriorMistake(priorClaims, 'pending_review') : undefined;
  // Only one mistake is refunded: if both are approved, the second refund breaks the policy.
  if (pendingMistake) {
    findings.push({ code: 'mistake_pending_elsewhere', level: 'warning', params: { reference: pendingMistake.reference } });
  }
  // "Assicurati di avere effettivamente utilizzato i crediti": there is no charge ledger to check yet.
  findings.push({ code: 'credits_unverified', level: 'warning', params: { credits: input.credits } });
  // "Esclusivamente sotto forma di crediti [...] e non in denaro."
  findings.push({ code: 'refund_as_credits', level: 'info', params: {} });
  return findings;
}

/** Without the received date the count is only an approximation, so it is information, not an "ok". */
function windowFinding(window: RefundWindow, config: PolicyConfig): Finding {
  const params = { windowDays: config.windowDays, days: window.days, startDate: window.startDate };
  return window.fromAnswer
    ? { code: 'window_ok_from_answer', level: 'info', params }
    : { code: 'window_ok', level: 'ok', params };
}

/** A first mistake is refundable by the policy's own words; the other cases need the team's check. */
function reasonFinding(input: ClaimInput): Finding {
  return {
    code: `reason_${input.reason}`,
    level: input.reason === 'sent_by_mistake' ? 'ok' : 'info',
    params: {},
  };
}
