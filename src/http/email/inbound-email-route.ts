/**
 * HTTP route: POST /inbound/email, where mail providers (SendGrid, Mailgun, Postmark, or our own JSON) post refund
 * requests sent by email. It authenticates the post, reads the email and hands it to the answer-inbound-email use
 * case: no claim is opened; the attempt is recorded and, where due, a reply pointing to the form is queued.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InboundEmail } from '../../domain/inbound-email.ts';
import { buildRefusalText } from '../../delivery/email-reply-message.ts';
import { LOCALES, t, type Locale } from '../../i18n/messages.ts';
import type { AppDeps } from '../../slack/deps.ts';
import { answerInboundEmail } from '../../use-cases/answer-inbound-email.ts';
import { sendJson } from '../http-helpers.ts';
import { BodyTooLargeError, readBody } from '../read-body.ts';
import { MAILGUN_MAX_AGE_SECONDS, authorizationMatches, checkMailgunSignature } from './email-auth.ts';
import { readForm, readJson } from './providers.ts';
import { MalformedFormError, readFormFields } from './read-form.ts';

export const INBOUND_EMAIL_PATH = '/inbound/email';
/** Attachments come along (drained unread); a 413 would only make the provider post it again. */
const MAX_EMAIL_BODY_BYTES = 50_000_000;

type Body =
  { kind: 'json'; email: InboundEmail } | { kind: 'form'; email: InboundEmail; fields: Record<string, string> };

class BadPayload extends Error {}

function isForm(req: IncomingMessage): boolean {
  return /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(req.headers['content-type'] ?? '');
}

async function readEmail(req: IncomingMessage): Promise<Body> {
  if (isForm(req)) {
    const fields = await readFormFields(req, MAX_EMAIL_BODY_BYTES);
    return { kind: 'form', email: readForm(fields), fields };
  }
  const raw = await readBody(req, MAX_EMAIL_BODY_BYTES);
  let parsed: unknown = {};
  try {
    if (raw.trim()) parsed = JSON.parse(raw);
  } catch {
    throw new BadPayload();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadPayload();
  return { kind: 'json', email: readJson(parsed as Record<string, unknown>) };
}

function formPointerReply(): Record<Locale, { subject: string; text: string }> {
  const reply = {} as Record<Locale, { subject: string; text: string }>;
  for (const locale of LOCALES)
    reply[locale] = { subject: t(locale, 'email.subject_fallback'), text: buildRefusalText(locale) };
  return reply;
}

function unauthorized(res: ServerResponse) {
  sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Basic realm="inbound-email", Bearer' });
}

/**
 * POST /inbound/email: SendGrid Inbound Parse, Mailgun routes, Postmark inbound or our own JSON. The
 * token (bearer, or basic auth's password) or, for Mailgun, its signature: without either, 401 and
 * nothing read further or recorded.
 */
export async function handleInboundEmail(deps: AppDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const byHeader = authorizationMatches(req.headers.authorization, deps.config.inboundEmailToken);
  const mailgunKey = deps.config.email.mailgunSigningKey;
  if (!byHeader && !(mailgunKey && isForm(req))) {
    unauthorized(res);
    return;
  }
  let body: Body;
  try {
    body = await readEmail(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'payload_too_large' });
    if (error instanceof BadPayload)
      return sendJson(res, 400, { error: 'invalid_json', message: 'The body must be a JSON object.' });
    if (error instanceof MalformedFormError)
      return sendJson(res, 400, { error: 'invalid_form', message: 'The form could not be read.' });
    throw error;
  }
  let mailgunToken: string | undefined;
  if (!byHeader) {
    const check =
      body.kind === 'form' && mailgunKey ? checkMailgunSignature(body.fields, mailgunKey, deps.clock()) : undefined;
    if (!check?.ok) {
      deps.logger.warn('inbound email refused: bad credentials', { why: check && !check.ok ? check.why : 'missing' });
      return unauthorized(res);
    }
    mailgunToken = check.token;
  }
  const outcome = await answerInboundEmail(
    {
      db: deps.db,
      clock: deps.clock,
      outbox: deps.outbox,
      email: {
        repliesOn: deps.config.email.smtp !== undefined,
        ownAddress: deps.config.email.ownAddress,
        replyIntervalHours: deps.config.email.replyIntervalHours,
      },
    },
    body.email,
    mailgunToken ? { mailgunToken, mailgunTokenKeepSeconds: MAILGUN_MAX_AGE_SECONDS * 3 } : {},
  );
  if (outcome.kind === 'replayed') {
    deps.logger.warn('inbound email refused: a Mailgun token used twice');
    return unauthorized(res);
  }
  const provider = body.email.provider;
  if (outcome.kind === 'duplicate') {
    deps.logger.info('inbound email already recorded', { provider });
    return sendJson(res, 200, { accepted: false, claim_created: false, duplicate: true });
  }
  deps.logger.info('refund request by email refused', { provider, reply: outcome.status });
  sendJson(res, 200, {
    accepted: false,
    claim_created: false,
    reply_status: outcome.status,
    reply: formPointerReply(),
  });
}
