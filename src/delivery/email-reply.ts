/**
 * Delivery: the outbox's `email_reply` message, sent by SMTP (nodemailer, from SMTP_URL); its outcome is recorded
 * on the email's attempt and the outbox payload then forgotten. Failures go back to the outbox; a resend after an
 * unknown outcome keeps the same Message-ID. Without SMTP_URL, queued replies are skipped.
 */
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { EmailReplyPayload } from '../domain/inbound-email.ts';
import { forgetEmailReplyPayload, setEmailReplyStatus } from '../db/email-reply.repository.ts';
import type { QueuedMessage } from '../db/outbox.repository.ts';
import type { AppLogger } from '../logger.ts';
import { buildEmailReply, type EmailReply } from './email-reply-message.ts';
import type { DeliveryResult } from './outbox-worker.ts';
import { toSmtpError } from './smtp-error.ts';

const replyPayloadSchema: z.ZodType<EmailReplyPayload> = z.object({
  to: z.string().min(3),
  subject: z.string(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  attemptKey: z.string().min(1),
});

export interface MailTransport {
  send(reply: EmailReply): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer, from SMTP_URL. Timeouts well under the outbox lease, so a server that
 * hangs fails this attempt (to be retried) instead of outliving the lease and being sent twice.
 * nodemailer is loaded with the first reply, not at start: an instance that never answers an email
 * does not carry it in memory (about 14 MB of RSS).
 */
export function createSmtpTransport(smtpUrl: string, timeoutMs = 15_000): MailTransport {
  type Transporter = ReturnType<(typeof import('nodemailer'))['default']['createTransport']>;
  let transporter: Promise<Transporter> | undefined;
  const open = () =>
    (transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      }),
    ));
  return {
    async send(reply) {
      try {
        await (await open()).sendMail(reply);
      } catch (error) {
        throw toSmtpError(error);
      }
    },
    // A transport that failed to load has nothing to close (and must not leave a rejection unhandled).
    close: () =>
      void transporter?.then(
        (opened) => opened.close(),
        () => undefined,
      ),
  };
}

export interface EmailReplyDeps {
  db: Db;
  logger: AppLogger;
  /** Unset when SMTP_URL is: replies queued before it was removed are skipped, not sent. */
  mail: { transport: MailTransport; from: string } | undefined;
}

/**
 * Sends one queued reply and records on the email's attempt what became of it. A failure is thrown
 * on to the outbox, which retries SMTP 4xx and network errors and gives up on 5xx (retry-policy.ts).
 * SMTP has no history to search: a reply whose outcome is unknown (the instance died after the
 * server's 250, before the finish committed) is sent again — with the same Message-ID, derived from
 * the outbox row's key, so the receiving side sees one message twice, not two replies.
 */
export function createEmailReplyHandler(deps: EmailReplyDeps) {
  return async function deliverEmailReply(message: QueuedMessage): Promise<DeliveryResult> {
    const parsed = replyPayloadSchema.safeParse(message.payload);
    // Already sent (or abandoned) by an earlier lease holder: its payload was forgotten after.
    if (!parsed.success) return { outcome: 'skipped' };
    const payload = parsed.data;
    if (!deps.mail) {
      await setEmailReplyStatus(deps.db, payload.attemptKey, 'replies_off');
      return { outcome: 'skipped' };
    }
    const reply = buildEmailReply({ ...payload, from: deps.mail.from, dedupeKey: payload.attemptKey });
    try {
      await deps.mail.transport.send(reply);
    } catch (error) {
      const smtp = toSmtpError(error);
      if (smtp.permanent) await settleReply(deps.db, message.id, payload.attemptKey, 'reply_failed', smtp.reason);
      else await setEmailReplyStatus(deps.db, payload.attemptKey, 'retrying', smtp.reason);
      throw smtp;
    }
    // Written with the message's finish, in the worker's bookkeeping transaction (retried until it holds).
    return {
      outcome: 'delivered',
      record: (trx) => recordReplyOutcome(trx, message.id, payload.attemptKey, 'replied', null),
    };
  };
}

/**
 * A reply the outbox gave up on without a permanent refusal here (still refused with 4xx when too old
 * to retry): its attempt says it failed, and the address and subject are forgotten like any settled one.
 */
export async function recordGivenUpReply(db: Db, message: QueuedMessage, reason: string): Promise<void> {
  const parsed = replyPayloadSchema.safeParse(message.payload);
  if (!parsed.success) return; // already settled (a 5xx is recorded where it is refused)
  await settleReply(db, message.id, parsed.data.attemptKey, 'reply_failed', reason);
}

/** The attempt's outcome and the forgetting of what the reply needed, together. */
async function settleReply(
  db: Db,
  outboxId: string,
  attemptKey: string,
  status: 'replied' | 'reply_failed',
  detail: string | null,
) {
  await db.transaction().execute((trx) => recordReplyOutcome(trx, outboxId, attemptKey, status, detail));
}

async function recordReplyOutcome(
  trx: Db,
  outboxId: string,
  attemptKey: string,
  status: 'replied' | 'reply_failed',
  detail: string | null,
): Promise<void> {
  await setEmailReplyStatus(trx, attemptKey, status, detail);
  await forgetEmailReplyPayload(trx, outboxId);
}
