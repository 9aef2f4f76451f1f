/**
 * "Chiedi una verifica": a professional may ask a person to look at a claim the policy refused, once,
 * giving a short reason. The claim then waits for a decision like any other, under the usual SLA.
 * Who may contest, and when, is the claim's state (`checkClaimantAction` in claim-state.ts).
 */
export const CONTEST_REASON_LIMITS = { min: 10, max: 500 } as const;
