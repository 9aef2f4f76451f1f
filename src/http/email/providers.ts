/**
 * Email providers (pure): reads SendGrid, Mailgun, Postmark and our own generic JSON inbound payloads into one
 * InboundEmail. Called by the inbound-email route once it has read the body; readForm and readJson tell the
 * providers apart by the fields they send.
 */
import {
  addHeader,
  addressOf,
  normaliseMessageId,
  parseRawHeaders,
  type EmailProvider,
  type InboundEmail,
} from '../../domain/inbound-email.ts';

/**
 * Each provider's inbound payload, read into one InboundEmail. Pure: the route reads the body, these
 * only read fields. Only strings are trusted; anything else counts as absent.
 */
export type FormFields = Readonly<Record<string, string>>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function emailOf(
  provider: EmailProvider,
  parts: Omit<InboundEmail, 'provider' | 'messageId'> & { messageId: unknown },
): InboundEmail {
  return {
    provider,
    ...parts,
    subject: parts.subject.slice(0, 998),
    messageId: normaliseMessageId(parts.messageId) ?? normaliseMessageId(parts.headers['message-id']),
  };
}

function parseJsonField(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * SendGrid Inbound Parse (default, not raw): multipart/form-data with `from`, `to`, `subject`,
 * `headers` (the raw header block), `envelope` (JSON: `to` array, `from` the return path), `text`…
 */
export function readSendGrid(fields: FormFields): InboundEmail {
  const headers = parseRawHeaders(fields.headers ?? '');
  const envelope = parseJsonField(fields.envelope) as { from?: unknown } | undefined;
  return emailOf('sendgrid', {
    sender: addressOf(fields.from) ?? addressOf(headers.from),
    subject: fields.subject ?? headers.subject ?? '',
    messageId: headers['message-id'],
    headers,
    envelopeFrom: envelope && typeof envelope === 'object' ? str(envelope.from) : undefined,
  });
}

/**
 * Mailgun routes, forward() to a URL, "fully parsed": form-urlencoded (multipart with attachments)
 * with `sender` (MAIL FROM), `from`, `subject`, `Message-Id`, `message-headers` (JSON list of
 * [name, value] pairs, in order), `timestamp`, `token`, `signature`.
 */
export function readMailgun(fields: FormFields): InboundEmail {
  const headers: Record<string, string> = {};
  const pairs = parseJsonField(fields['message-headers']);
  if (Array.isArray(pairs)) for (const pair of pairs) if (Array.isArray(pair)) addHeader(headers, pair[0], pair[1]);
  return emailOf('mailgun', {
    sender: addressOf(fields.from) ?? addressOf(headers.from),
    subject: fields.subject ?? headers.subject ?? '',
    messageId: fields['Message-Id'] ?? fields['message-id'],
    headers,
    envelopeFrom: fields.sender,
  });
}

/**
 * Postmark inbound webhook: JSON with `From`, `FromFull.Email`, `Subject`, `MessageID` (Postmark's own
 * id, not the email's) and `Headers`, a list of {Name, Value} that holds the email's `Message-ID`.
 */
export function readPostmark(body: Record<string, unknown>): InboundEmail {
  const headers: Record<string, string> = {};
  if (Array.isArray(body.Headers)) {
    for (const header of body.Headers as unknown[]) {
      if (header && typeof header === 'object')
        addHeader(headers, (header as Record<string, unknown>).Name, (header as Record<string, unknown>).Value);
    }
  }
  const fromFull = body.FromFull && typeof body.FromFull === 'object' ? (body.FromFull as Record<string, unknown>) : {};
  return emailOf('postmark', {
    sender: addressOf(fromFull.Email) ?? addressOf(body.From),
    subject: str(body.Subject) ?? '',
    messageId: headers['message-id'],
    headers,
    envelopeFrom: undefined,
  });
}

/** Our own JSON, for a helpdesk or a script: `from`, `subject`, `message_id`, `headers` {name: value}. */
export function readGeneric(body: Record<string, unknown>): InboundEmail {
  const headers: Record<string, string> = {};
  if (body.headers && typeof body.headers === 'object' && !Array.isArray(body.headers)) {
    for (const [name, value] of Object.entries(body.headers)) addHeader(headers, name, value);
  }
  return emailOf('generic', {
    sender: addressOf(body.from) ?? addressOf(body.sender) ?? addressOf(body.email),
    subject: str(body.subject) ?? '',
    messageId: body.message_id,
    headers,
    envelopeFrom: undefined,
  });
}

/** Which provider posted a form: Mailgun signs its fields and sends `message-headers`; SendGrid sends raw `headers`. */
export function readForm(fields: FormFields): InboundEmail {
  const mailgun = 'signature' in fields || 'message-headers' in fields || 'body-plain' in fields;
  return mailgun ? readMailgun(fields) : readSendGrid(fields);
}

/** Postmark's JSON is capitalised (`FromFull`, `MessageID`, `Headers`); ours is not. */
export function readJson(body: Record<string, unknown>): InboundEmail {
  const postmark = 'FromFull' in body || 'MessageID' in body || Array.isArray(body.Headers);
  return postmark ? readPostmark(body) : readGeneric(body);
}
