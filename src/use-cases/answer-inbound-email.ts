/**
 * Use case: a refund asked for by email, posted by the inbound-email route (http/email). It opens no claim:
 * the attempt is recorded once, and a reply pointing to the form is queued on the outbox in the same
 * transaction unless the domain's rules, SMTP being off or the per-sender interval say not to.
 * A replayed Mailgun token is refused.
 */
import type { Db } from '../db/database.ts';
import {
  acceptMailgunToken,
  recordEmailAttempt,
  setEmailReplyStatus,
  takeReplyAllowance,
} from '../db/email-reply.repository.ts';
import { enqueueMessages } from '../db/outbox.repository.ts';
import type { StandaloneMessage } from '../domain/message-kinds.ts';
import {
  decideEmailReply,
  emailDedupeKey,
  referencesFor,
  type EmailReplyPayload,
  type EmailReplyStatus,
  type InboundEmail,
} from '../domain/inbound-email.ts';

export interface AnswerEmailDeps {
  db: Db;
  clock: () => Date;
  outbox: { wake(): void };
  email: {
    /** False without SMTP_URL: attempts are recorded, nothing is sent. */
    repliesOn: boolean;
    ownAddress: string | undefined;
    replyIntervalHours: number;
  };
}

export type EmailOutcome =
  | { kind: 'recorded'; status: EmailReplyStatus }
  | { kind: 'duplicate' }
  /** A Mailgun token seen before: a replayed POST, refused like bad credentials. */
  | { kind: 'replayed' };

class Replayed extends Error {}

/**
 * "Non verranno prese in considerazione richieste inoltrate via mail": the email opens no claim. Its
 * attempt is recorded once (the same email posted again changes nothing), and — unless it is automatic,
 * a list's, a bounce, ours, or its sender was answered within the interval — a reply is queued in the
 * same transaction, for the outbox to send.
 */
export async function answerInboundEmail(
  deps: AnswerEmailDeps,
  email: InboundEmail,
  auth: { mailgunToken?: string; mailgunTokenKeepSeconds?: number } = {},
): Promise<EmailOutcome> {
  const now = deps.clock();
  const dedupeKey = emailDedupeKey(email, now);
  let outcome: EmailOutcome;
  try {
    outcome = await deps.db.transaction().execute(async (trx) => {
      if (
        auth.mailgunToken &&
        !(await acceptMailgunToken(trx, auth.mailgunToken, now, auth.mailgunTokenKeepSeconds ?? 600))
      ) {
        throw new Replayed();
      }
      const recorded = await recordEmailAttempt(trx, {
        sender: email.sender,
        provider: email.provider,
        messageId: email.messageId,
        dedupeKey,
        at: now,
      });
      if (!recorded) return { kind: 'duplicate' } as const;
      const status = await replyStatusFor(trx, deps, email, dedupeKey, now);
      await setEmailReplyStatus(trx, dedupeKey, status);
      return { kind: 'recorded', status } as const;
    });
  } catch (error) {
    if (error instanceof Replayed) return { kind: 'replayed' };
    throw error;
  }
  if (outcome.kind === 'recorded' && outcome.status === 'queued') deps.outbox.wake();
  return outcome;
}

async function replyStatusFor(
  trx: Db,
  deps: AnswerEmailDeps,
  email: InboundEmail,
  dedupeKey: string,
  now: Date,
): Promise<EmailReplyStatus> {
  const decision = decideEmailReply(email, deps.email.ownAddress);
  if (!decision.reply) return decision.reason;
  if (!deps.email.repliesOn || !email.sender) return 'replies_off';
  if (!(await takeReplyAllowance(trx, email.sender, now, deps.email.replyIntervalHours))) return 'rate_limited';
  const payload: EmailReplyPayload = {
    to: email.sender,
    subject: email.subject,
    inReplyTo: email.messageId,
    references: referencesFor(email),
    attemptKey: dedupeKey,
  };
  const message: StandaloneMessage = { claimId: null, kind: 'email_reply', variant: dedupeKey, payload };
  await enqueueMessages(trx, [message], now);
  return 'queued';
}
