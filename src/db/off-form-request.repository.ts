/**
 * Repository: the SQL of refund requests made outside the form (a DM, a mention, a channel message, an email),
 * stored in `refused_requests` as who asked and where, never what they wrote, once per Slack event.
 */
import type { Db } from './database.ts';

export interface OffFormRequest {
  channel: 'dm' | 'mention' | 'channel' | 'email';
  sender: string | null;
  slackChannelId: string | null;
  /** The Slack event id, so a redelivered event is refused (and answered) once. */
  dedupeKey: string | null;
  at: Date;
}

/** Stores who asked and where, never what they wrote. Returns false when the attempt was already stored. */
export async function insertOffFormRequest(db: Db, request: OffFormRequest): Promise<boolean> {
  const inserted = await db
    .insertInto('refused_requests')
    .values({
      channel: request.channel,
      sender: request.sender,
      slack_channel_id: request.slackChannelId,
      dedupe_key: request.dedupeKey,
      at: request.at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}
