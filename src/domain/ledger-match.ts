/** Matching a claim to the professional's ledger charges: normalised client names, the charge a claim is for, the differences that matter. Pure. */
import type { ClaimInput } from './claim.ts';
import type { Charge } from './ledger.ts';
import { daysBetween, romeDateOf } from './rome-calendar.ts';

/**
 * Finds the marketplace charge a claim is about. The form is typed by hand, days or weeks later, so
 * the match tolerates small slips (a swapped name, an initial, a shorter service, a date across
 * midnight) and lists them for the reviewer instead of hiding them.
 */

/** A slip between the form and the charge it was matched to. */
export type MatchDifference =
  | 'name_swapped'
  | 'name_initial'
  | 'name_differs'
  | 'phone_differs'
  | 'service_partial'
  | 'service_differs'
  | 'answer_date_off_by_one'
  | 'received_date_differs';

export interface ChargeMatch {
  charge: Charge;
  score: number;
  differences: MatchDifference[];
}

/**
 * A charge must score MATCH_THRESHOLD. The answer date must be within a day; then a name (or a phone)
 * and some of the service must agree. The weakest accepted matches are "swapped name, one day off,
 * partial service" and "same name and day, another service"; an initial with two more slips, or a
 * phone that contradicts an initial, is not one.
 */
export const MATCH_THRESHOLD = 60;
const SCORE = {
  sameDay: 25,
  dayOff: 15,
  name: { exact: 35, swapped: 30, initial: 20, none: 0 },
  phoneMatch: 35,
  phoneDiffers: -20,
  service: { exact: 25, partial: 15, none: 0 },
} as const;

type NameMatch = keyof typeof SCORE.name;
type ServiceMatch = keyof typeof SCORE.service;

/**
 * The key under which two claims name the same client: lower-case, accent-free, single spaces,
 * "first last". People type "José  Rossi" one day and "jose rossi" the next.
 */
export function normaliseClientName(first: string, last: string): string {
  return (
    `${first} ${last}`
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // Phones type ’ where keyboards type ': D’Angelo and D'Angelo are the same client.
      .replace(/[’‘`´]/g, "'")
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Digits only, without Italy's country code: "+39 333 123 4567", "0039-333-1234567" and
 * "333.123.4567" are one phone. "00" is the international prefix, as "+" is; other countries keep
 * their code ("0041 79…" = "+41 79…"). A bare "39" is Italy's code only on 11+ digits, since mobiles
 * such as 393… have 10. Null when there are no digits.
 */
export function normalisePhone(raw: string | null | undefined): string | null {
  const compact = (raw ?? '').replace(/[^\d+]/g, '').replace(/^00/, '+');
  const national = compact.startsWith('+39') ? compact.slice(3) : compact;
  const digits = national.replace(/\D/g, '');
  const local = national === compact && /^39\d{9,}$/.test(digits) ? digits.slice(2) : digits;
  return local === '' ? null : local;
}

/** Lower-case, accent-free words: "Imbiancatura / Tinteggiatura" → "imbiancatura tinteggiatura". */
export function normaliseService(service: string): string {
  return service
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The best charge for the claim with a score of at least MATCH_THRESHOLD; ties go to the later charge. */
export function matchCharge(input: ClaimInput, charges: readonly Charge[]): ChargeMatch | undefined {
  let best: ChargeMatch | undefined;
  for (const charge of charges) {
    const candidate = scoreCharge(input, charge);
    if (!candidate || candidate.score < MATCH_THRESHOLD) continue;
    // The later of two equal charges is the one a refund can be owed for (a duplicate, a later interaction).
    if (
      !best ||
      candidate.score > best.score ||
      (candidate.score === best.score && charge.chargedAt > best.charge.chargedAt)
    ) {
      best = candidate;
    }
  }
  return best;
}

function scoreCharge(input: ClaimInput, charge: Charge): ChargeMatch | undefined {
  const chargedOn = romeDateOf(charge.chargedAt);
  const dayGap = Math.abs(daysBetween(input.answeredOn, chargedOn));
  if (dayGap > 1) return undefined;

  const differences: MatchDifference[] = [];
  const name = compareNames(input.clientFirstName, input.clientLastName, charge.clientFirstName, charge.clientLastName);
  const phone = comparePhones(input.clientPhone, charge.clientPhone);
  const service = compareServices(input.service, charge.service);
  if (name !== 'exact') differences.push(name === 'none' ? 'name_differs' : `name_${name}`);
  if (phone === 'differs') differences.push('phone_differs');
  if (service !== 'exact') differences.push(service === 'none' ? 'service_differs' : 'service_partial');
  if (dayGap === 1) differences.push('answer_date_off_by_one');
  if (input.receivedOn !== null && input.receivedOn !== romeDateOf(charge.leadReceivedAt)) {
    differences.push('received_date_differs');
  }

  const score =
    (dayGap === 0 ? SCORE.sameDay : SCORE.dayOff) +
    SCORE.name[name] +
    (phone === 'match' ? SCORE.phoneMatch : phone === 'differs' ? SCORE.phoneDiffers : 0) +
    SCORE.service[service];
  return { charge, score, differences };
}

function compareNames(first: string, last: string, otherFirst: string, otherLast: string): NameMatch {
  if (normaliseClientName(first, last) === normaliseClientName(otherFirst, otherLast)) return 'exact';
  if (normaliseClientName(last, first) === normaliseClientName(otherFirst, otherLast)) return 'swapped';
  const a = { first: nameWord(first), last: nameWord(last) };
  const b = { first: nameWord(otherFirst), last: nameWord(otherLast) };
  if (a.last === b.last && (isInitialOf(a.first, b.first) || isInitialOf(b.first, a.first))) return 'initial';
  return 'none';
}

/** A name part compared on its own, with the initial's dot dropped: "M." → "m". */
function nameWord(part: string): string {
  return normaliseClientName(part, '').replace(/\.$/, '');
}

/** "m" is the initial of "mario" (not of "m", which is the same name and already matched). */
function isInitialOf(initial: string, name: string): boolean {
  return /^\p{L}$/u.test(initial) && name.length > 1 && name.startsWith(initial);
}

function comparePhones(phone: string | null, otherPhone: string | null): 'match' | 'differs' | 'unknown' {
  const a = normalisePhone(phone);
  const b = normalisePhone(otherPhone);
  if (a === null || b === null) return 'unknown';
  return a === b ? 'match' : 'differs';
}

/** Equal, or one is a run of whole words of the other: "imbiancatura" in "imbiancatura interni". */
function compareServices(service: string, otherService: string): ServiceMatch {
  const a = normaliseService(service);
  const b = normaliseService(otherService);
  if (a === b) return a === '' ? 'none' : 'exact';
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  if (shorter !== '' && ` ${longer} `.includes(` ${shorter} `)) return 'partial';
  return 'none';
}

/** Two charges name the same client when their normalised names or their phones agree. */
function isSameClient(a: Charge, b: Charge): boolean {
  if (
    normaliseClientName(a.clientFirstName, a.clientLastName) ===
    normaliseClientName(b.clientFirstName, b.clientLastName)
  ) {
    return true;
  }
  return comparePhones(a.clientPhone, b.clientPhone) === 'match';
}

/**
 * "Se un cliente inserisce due volte la stessa richiesta e ti vengono scalati i crediti per entrambe":
 * the other charges for the same client and service on another lead, earliest first.
 */
export function findDuplicateCharges(match: Charge, charges: readonly Charge[]): Charge[] {
  return charges
    .filter(
      (charge) =>
        charge.chargeId !== match.chargeId &&
        charge.leadId !== match.leadId &&
        isSameClient(charge, match) &&
        compareServices(charge.service, match.service) !== 'none',
    )
    .sort(byChargedAt);
}

/**
 * "Le successive interazioni con il medesimo cliente non comportano lo scalo dei crediti": the first
 * charge on the same lead and client that came before `match`, if any (then `match` is a platform error).
 */
export function findEarlierChargeForLead(match: Charge, charges: readonly Charge[]): Charge | undefined {
  return charges
    .filter(
      (charge) =>
        charge.chargeId !== match.chargeId &&
        charge.leadId === match.leadId &&
        charge.chargedAt < match.chargedAt &&
        isSameClient(charge, match),
    )
    .sort(byChargedAt)[0];
}

function byChargedAt(a: Charge, b: Charge): number {
  return a.chargedAt.getTime() - b.chargedAt.getTime();
}
