/**
 * Builder (pure): the text of the automatic reply to a refund asked for by email, pointing to the form in Italian
 * and English, and the reply itself as nodemailer takes it (threaded, marked auto-replied, with a Message-ID
 * derived from the outbox key). Used by the email reply delivery and the inbound email route.
 */
import { createHash } from 'node:crypto';
import { replySubject } from '../domain/inbound-email.ts';
import { LOCALES, t, type Locale } from '../i18n/messages.ts';

const REASON_KEYS = [
  'reason.no_grazie',
  'reason.details_changed',
  'reason.answered_twice',
  'reason.terms_violated',
  'reason.sent_by_mistake',
] as const;

/** The refusal in one language: the form, where it is, what it asks for and the policy's five cases. */
export function buildRefusalText(locale: Locale): string {
  const reasons = REASON_KEYS.map((key) => `- ${t(locale, key)}`).join('\n');
  return t(locale, 'email.reply', { reasons, button: t(locale, 'home.ask_button') });
}

/** Italian first, then English, in one message: we cannot know the sender's language. */
export function buildBilingualFormPointer(): string {
  return LOCALES.map((locale) => buildRefusalText(locale)).join('\n\n----------------------------------------\n\n');
}

export interface EmailReplyInput {
  from: string;
  to: string;
  /** The original subject, to answer in its thread. */
  subject: string;
  /** The original's Message-ID, when it had one. */
  inReplyTo: string | null;
  references: readonly string[];
  /** The outbox message's key: the reply's own Message-ID derives from it, so a resend is recognisable. */
  dedupeKey: string;
}

export interface EmailReply {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  headers: Record<string, string>;
}

/** The reply, as nodemailer takes it. RFC 3834 §5: Auto-Submitted: auto-replied on every one. */
export function buildEmailReply(input: EmailReplyInput): EmailReply {
  const domain = /@([^<>\s]+)>?\s*$/.exec(input.from)?.[1] ?? 'localhost';
  const id = createHash('sha256').update(input.dedupeKey).digest('hex').slice(0, 32);
  return {
    from: input.from,
    to: input.to,
    subject: replySubject(input.subject, t('it', 'email.subject_fallback')),
    text: buildBilingualFormPointer(),
    messageId: `<refusal-${id}@${domain}>`,
    ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
    ...(input.references.length > 0 ? { references: [...input.references] } : {}),
    headers: {
      'Auto-Submitted': 'auto-replied',
      // Exchange and Outlook: send no out-of-office or other automatic answer to this one.
      'X-Auto-Response-Suppress': 'All',
    },
  };
}
