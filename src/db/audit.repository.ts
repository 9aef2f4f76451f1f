/**
 * Repository: the SQL of the claim audit trail (`claim_events`), an append-only log of what happened to each claim
 * and who did it. Event details hold ids, rules and outcomes only, never the claim's contents or the client's phone.
 */
import type { Db } from './database.ts';

export type ClaimEventKind =
  | 'submitted'
  | 'evaluated'
  | 'posted'
  | 'decided'
  | 'notified'
  | 'refused_click'
  | 'reminded'
  | 'escalated'
  | 'delivery_failed'
  | 'delivery_blocked'
  | 'delivery_retried'
  | 'assigned'
  | 'info_requested'
  | 'info_answered'
  | 'contested'
  | 'refund_sent'
  | 'redacted'
  | 'reversed'
  | 'reversal_sent';

export interface ClaimEvent {
  claimId: string;
  kind: ClaimEventKind;
  actor: string | null;
  at: Date;
  /** Ids, rules and outcomes only: never the claim's contents or the client's phone. */
  details?: Record<string, unknown>;
}

/** The row of one event, as recordClaimEvent and a submission's one statement write it. */
export function toEventRow(event: ClaimEvent) {
  return {
    claim_id: event.claimId,
    kind: event.kind,
    actor: event.actor,
    at: event.at,
    details: JSON.stringify(event.details ?? {}),
  };
}

export async function recordClaimEvent(db: Db, event: ClaimEvent): Promise<void> {
  await db.insertInto('claim_events').values(toEventRow(event)).execute();
}

export async function listClaimEvents(db: Db, claimId: string) {
  return db
    .selectFrom('claim_events')
    .select(['kind', 'actor', 'at', 'details'])
    .where('claim_id', '=', claimId)
    .orderBy('id')
    .execute();
}
