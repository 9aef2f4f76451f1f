/** A reviewer's question to the claimant about a pending claim, and the claimant's answer (once). */
export interface Question {
  id: string;
  claimId: string;
  askedBy: string;
  question: string;
  askedAt: Date;
  answer: string | null;
  answeredAt: Date | null;
}
