import type { Claim } from './claim.ts';

/**
 * "Chiedi una verifica": a professional may ask a person to look at a claim the policy refused, once,
 * giving a short reason. The claim then waits for a decision like any other, under the usual SLA.
 */
export const CONTEST_REASON_LIMITS = { min: 10, max: 500 } as const;

export type ContestRefusal = 'not_yours' | 'not_ineligible' | 'already_contested';

/** Why this user may not contest this claim now; null when they may. */
export function checkContest(
  claim: Pick<Claim, 'professionalId' | 'status' | 'contest'>,
  userId: string,
): ContestRefusal | null {
  if (claim.professionalId !== userId) return 'not_yours';
  if (claim.contest) return 'already_contested';
  if (claim.status !== 'ineligible') return 'not_ineligible';
  return null;
}

/** The contest button is offered on an ineligible claim never contested. */
export function canBeContested(claim: Pick<Claim, 'status' | 'contest'>): boolean {
  return claim.status === 'ineligible' && !claim.contest;
}
