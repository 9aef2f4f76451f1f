/**
 * An email that reached the support address through a provider's inbound webhook, reduced to what the
 * app may keep and act on: who sent it, how to reply in its thread, and the headers that say whether
 * a reply is welcome (RFC 3834). Its body is never read.
 */
export type EmailProvider = 'sendgrid' | 'mailgun' | 'postmark' | 'generic';

export interface InboundEmail {
  provider: EmailProvider;
  /** The From address, lower-cased; null when the payload names none that is an address. */
  sender: string | null;
  subject: string;
  /** The email's own Message-ID header (with its angle brackets), never a provider's internal id. */
  messageId: string | null;
  /** Headers by lower-case name (the first occurrence of each). */
  headers: Readonly<Record<string, string>>;
  /** The SMTP envelope's sender (MAIL FROM), when the provider says it: '' for a bounce's `<>`. */
  envelopeFrom: string | undefined;
}

export type NoReplyReason =
  | 'no_sender'
  | 'auto_submitted'
  | 'bulk_precedence'
  | 'mailing_list'
  | 'empty_return_path'
  | 'system_sender'
  | 'own_address';

export type ReplyDecision = { reply: true } | { reply: false; reason: NoReplyReason };

const SYSTEM_LOCAL_PARTS = /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)([+._-].*)?$/i;

/**
 * RFC 3834 §2: an automatic responder answers no message that was itself automatic, sent to a list,
 * or a bounce — nor anything from a system mailbox or from ourselves, which is how loops start.
 */
export function decideEmailReply(email: InboundEmail, ownAddress: string | undefined): ReplyDecision {
  if (!email.sender) return { reply: false, reason: 'no_sender' };
  const autoSubmitted = email.headers['auto-submitted']?.trim().toLowerCase();
  if (autoSubmitted && !/^no\b/.test(autoSubmitted)) return { reply: false, reason: 'auto_submitted' };
  const precedence = email.headers['precedence']?.trim().toLowerCase();
  if (precedence && ['bulk', 'list', 'junk'].includes(precedence)) return { reply: false, reason: 'bulk_precedence' };
  if (email.headers['list-id'] !== undefined) return { reply: false, reason: 'mailing_list' };
  if (returnPathIsEmpty(email)) return { reply: false, reason: 'empty_return_path' };
  const localPart = email.sender.split('@')[0] ?? '';
  if (SYSTEM_LOCAL_PARTS.test(localPart)) return { reply: false, reason: 'system_sender' };
  if (ownAddress && email.sender === ownAddress.toLowerCase()) return { reply: false, reason: 'own_address' };
  return { reply: true };
}

function returnPathIsEmpty(email: InboundEmail): boolean {
  const header = email.headers['return-path'];
  if (header !== undefined && header.replace(/[\s<>]/g, '') === '') return true;
  return email.envelopeFrom !== undefined && email.envelopeFrom.replace(/[\s<>]/g, '') === '';
}

/** `Re: <subject>`, never `Re: Re: …` (nor `Re: R: …`, as Italian mail clients write it). */
export function replySubject(subject: string, fallback: string): string {
  const bare = subject.replace(/^\s*((re|r|aw|fwd?|i)\s*(\[\d+\])?\s*:\s*)+/i, '').trim();
  return `Re: ${bare || fallback}`;
}

/** RFC 5322 §3.6.4: the parent's References (or its In-Reply-To) followed by the parent's Message-ID. */
export function referencesFor(email: InboundEmail): string[] {
  const ids = (value: string | undefined) => value?.match(/<[^<>\s]+>/g) ?? [];
  const earlier = ids(email.headers['references']);
  const parents = earlier.length > 0 ? earlier : ids(email.headers['in-reply-to']).slice(0, 1);
  const own = email.messageId ? [email.messageId] : [];
  return [...new Set([...parents, ...own])];
}

/** The address inside `Name <a@b>` or a bare `a@b`, lower-cased; null when there is none. */
export function addressOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const candidate = /<([^<>\s]+@[^<>\s]+)>/.exec(text)?.[1] ?? text;
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(candidate) ? candidate.toLowerCase() : null;
}

/** A Message-ID as `<id@host>`; anything else (Postmark's bare UUID, garbage) is not one. */
export function normaliseMessageId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /<?([^<>\s]+@[^<>\s]+)>?/.exec(value.trim());
  return match?.[1] && match[0].length <= 998 ? `<${match[1]}>` : null;
}

/**
 * What makes an email the same email when a provider posts it again: its Message-ID, or, when it
 * has none, its sender and day (such a sender is answered at most once a day anyway).
 */
export function emailDedupeKey(email: InboundEmail, now: Date): string {
  if (email.messageId) return `email:${email.messageId}`;
  return `email:${email.sender ?? 'unknown'}:${now.toISOString().slice(0, 10)}`;
}

/** Raw header text (SendGrid's `headers`): folded lines unfolded, names lower-cased, first one wins. */
export function parseRawHeaders(raw: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of raw
    .replace(/\r\n/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    addHeader(headers, line.slice(0, colon), line.slice(colon + 1));
  }
  return headers;
}

/** Adds one header by lower-case name, keeping the first occurrence (the topmost is the newest). */
export function addHeader(headers: Record<string, string>, name: unknown, value: unknown): void {
  if (typeof name !== 'string' || typeof value !== 'string') return;
  const key = name.trim().toLowerCase();
  if (!key || Object.hasOwn(headers, key) || key === '__proto__') return;
  headers[key] = value.trim();
}

/**
 * What became of an email's attempt: answered, on its way, or why it was not answered. Stored with
 * the attempt (never the email's content).
 */
export type EmailReplyStatus =
  NoReplyReason | 'queued' | 'replied' | 'retrying' | 'reply_failed' | 'replies_off' | 'rate_limited';

/** What the outbox keeps to send one reply (a type, not an interface: it is a JSON payload); forgotten once sent or abandoned. */
export type EmailReplyPayload = {
  to: string;
  subject: string;
  inReplyTo: string | null;
  references: string[];
  attemptKey: string;
};
