/** The Slack messages that follow a claim's state changes, and the lane each travels in. */
export type MessageKind = 'review_post' | 'review_update' | 'reminder' | 'escalation' | 'submission_dm' | 'decision_dm';

export type Lane = 'review' | 'dm';

export const LANE_OF: Record<MessageKind, Lane> = {
  review_post: 'review',
  review_update: 'review',
  reminder: 'review',
  escalation: 'review',
  submission_dm: 'dm',
  decision_dm: 'dm',
};

export interface OutgoingMessage {
  claimId: string;
  kind: MessageKind;
  /** Distinguishes several messages of one kind (a reminder per offset). */
  variant?: string;
  payload?: Record<string, unknown>;
}

export function dedupeKeyOf(message: OutgoingMessage): string {
  return [message.claimId, message.kind, message.variant].filter(Boolean).join(':');
}
