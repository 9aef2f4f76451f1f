/**
 * Repository: the SQL of refund requests sent by email (refused, and answered automatically where due): the attempt
 * (never its content, recorded once per dedupe key) and its reply status, the per-sender reply allowance, Mailgun
 * token replay protection, and forgetting a reply's outbox payload once it is sent or abandoned.
 */
import { sql } from 'kysely';
import type { EmailProvider, EmailReplyStatus } from '../domain/inbound-email.ts';
import type { Db } from './database.ts';

export interface EmailAttempt {
  sender: string | null;
  provider: EmailProvider;
  messageId: string | null;
  /** The same email posted again has the same key: it is recorded (and answered) once. */
  dedupeKey: string;
  at: Date;
}

/** Stores the attempt (who, which provider, which Message-ID), never its content. False when already stored. */
export async function recordEmailAttempt(trx: Db, attempt: EmailAttempt): Promise<boolean> {
  const inserted = await trx
    .insertInto('refused_requests')
    .values({
      channel: 'email',
      sender: attempt.sender,
      slack_channel_id: null,
      dedupe_key: attempt.dedupeKey,
      at: attempt.at,
      provider: attempt.provider,
      message_id: attempt.messageId?.slice(0, 998) ?? null,
      reply_status: 'queued',
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function setEmailReplyStatus(
  db: Db,
  dedupeKey: string,
  status: EmailReplyStatus,
  detail: string | null = null,
) {
  await db
    .updateTable('refused_requests')
    .set({ reply_status: status, reply_detail: detail })
    .where('dedupe_key', '=', dedupeKey)
    .where('channel', '=', 'email')
    .execute();
}

/**
 * Takes the sender's reply allowance when their last reply is at least `intervalHours` old (or there
 * is none). One statement: two instances answering the same sender at once cannot both get it.
 */
export async function takeReplyAllowance(trx: Db, sender: string, now: Date, intervalHours: number): Promise<boolean> {
  const earliest = new Date(now.getTime() - intervalHours * 3_600_000);
  const { rows } = await sql<{ sender: string }>`
    INSERT INTO email_reply_allowances (sender, last_reply_at) VALUES (${sender}, ${now})
    ON CONFLICT (sender) DO UPDATE SET last_reply_at = EXCLUDED.last_reply_at
    WHERE email_reply_allowances.last_reply_at <= ${earliest}
    RETURNING sender`.execute(trx);
  return rows.length > 0;
}

/**
 * Accepts a Mailgun token once. Tokens older than `keepSeconds` are forgotten: their signatures are
 * refused as stale anyway.
 */
export async function acceptMailgunToken(trx: Db, token: string, now: Date, keepSeconds: number): Promise<boolean> {
  await trx
    .deleteFrom('mailgun_webhook_tokens')
    .where('seen_at', '<', new Date(now.getTime() - keepSeconds * 1000))
    .execute();
  const inserted = await trx
    .insertInto('mailgun_webhook_tokens')
    .values({ token: token.slice(0, 200), seen_at: now })
    .onConflict((oc) => oc.column('token').doNothing())
    .returning('token')
    .executeTakeFirst();
  return inserted !== undefined;
}

export const FORGOTTEN_PAYLOAD = { forgotten: true } as const;

/** Forgets the subject and address a sent (or abandoned) reply needed: the outbox keeps no email content. */
export async function forgetEmailReplyPayload(db: Db, outboxId: string): Promise<void> {
  await sql`UPDATE outbox SET payload = ${JSON.stringify(FORGOTTEN_PAYLOAD)}::jsonb WHERE id = ${outboxId}`.execute(db);
}
