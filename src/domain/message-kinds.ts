/**
 * The outbox's vocabulary: which messages follow a claim's state changes, the lane each travels in and
 * the key that makes enqueueing one twice a no-op. Pure: the use cases enqueue, the deliverer sends.
 */
export type ClaimMessageKind =
  | 'review_post'
  | 'review_update'
  | 'reminder'
  | 'escalation'
  | 'question_post'
  | 'answer_post'
  | 'submission_dm'
  | 'decision_dm'
  | 'question_dm'
  | 'assignee_reminder_dm'
  | 'home_refresh'
  | 'refund_webhook'
  | 'contest_dm'
  | 'evidence_copy'
  | 'reversal_dm'
  | 'reversal_webhook';

/** Messages that follow no claim (their outbox row has no claim_id). */
export type StandaloneMessageKind = 'weekly_report' | 'email_reply';

export type MessageKind = ClaimMessageKind | StandaloneMessageKind;

export type Lane = 'review' | 'dm' | 'home' | 'ledger' | 'email';

export const LANE_OF: Record<MessageKind, Lane> = {
  review_post: 'review',
  review_update: 'review',
  reminder: 'review',
  escalation: 'review',
  question_post: 'review',
  answer_post: 'review',
  submission_dm: 'dm',
  decision_dm: 'dm',
  question_dm: 'dm',
  assignee_reminder_dm: 'dm',
  home_refresh: 'home',
  refund_webhook: 'ledger',
  weekly_report: 'review',
  email_reply: 'email',
  contest_dm: 'dm',
  // After the review post in the same lane: the copies go into its thread.
  evidence_copy: 'review',
  reversal_dm: 'dm',
  // The same lane as the approval's webhook: the marketplace hears of the refund before its reversal.
  reversal_webhook: 'ledger',
};

export type OutgoingMessage = ClaimMessage | StandaloneMessage;

export interface ClaimMessage {
  claimId: string;
  kind: ClaimMessageKind;
  /** Distinguishes several messages of one kind (a reminder per offset, a question, a new assignment). */
  variant?: string;
  payload?: Record<string, unknown>;
}

export interface StandaloneMessage {
  claimId: null;
  kind: StandaloneMessageKind;
  /** Required: with no claim, it alone makes the dedupe key (an email's Message-ID, a report's week). */
  variant: string;
  payload?: Record<string, unknown>;
}

export function dedupeKeyOf(message: OutgoingMessage): string {
  return [message.claimId, message.kind, message.variant].filter(Boolean).join(':');
}
