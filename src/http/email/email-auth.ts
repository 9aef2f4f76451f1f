/**
 * HTTP auth (pure): how the inbound email endpoint checks that a post comes from our mail provider: the shared
 * token as a bearer or basic-auth password, compared in constant time, or Mailgun's webhook signature with its
 * five-minute window. Used by inbound-email-route.ts.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The ways a mail provider can prove it is ours. None of them can add an Authorization header of its
 * own choosing except through the URL: `https://anything:TOKEN@host/inbound/email` becomes HTTP basic
 * auth (SendGrid, Postmark, Mailgun); a helpdesk or script can send `Authorization: Bearer TOKEN`.
 * Mailgun also signs every POST with its webhook signing key.
 */
const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** `Bearer TOKEN`, or `Basic base64(user:TOKEN)` with any user name. */
export function authorizationMatches(header: string | undefined, token: string): boolean {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (bearer?.[1]) return secretsEqual(bearer[1], token);
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!basic?.[1]) return false;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && secretsEqual(decoded.slice(colon + 1), token);
}

export const MAILGUN_MAX_AGE_SECONDS = 5 * 60;

export type MailgunCheck = { ok: true; token: string } | { ok: false; why: 'missing' | 'bad_signature' | 'stale' };

/**
 * Mailgun's "Securing webhooks": `signature` is the hex HMAC-SHA256 of `timestamp` + `token` keyed with
 * the webhook signing key. A timestamp more than five minutes away from ours is refused; the caller
 * must also refuse a token it has already accepted (a replay within those five minutes).
 */
export function checkMailgunSignature(
  fields: Readonly<Record<string, string | undefined>>,
  signingKey: string,
  now: Date,
): MailgunCheck {
  const { timestamp, token, signature } = fields;
  if (!timestamp || !token || !signature || !/^\d{1,12}$/.test(timestamp)) return { ok: false, why: 'missing' };
  const expected = createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest('hex');
  if (!secretsEqual(signature.toLowerCase(), expected)) return { ok: false, why: 'bad_signature' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAILGUN_MAX_AGE_SECONDS) return { ok: false, why: 'stale' };
  return { ok: true, token };
}

/** For tests and the demo: the fields Mailgun would add to a POST signed with `signingKey`. */
export function signMailgun(signingKey: string, timestamp: number, token: string) {
  const signature = createHmac('sha256', signingKey).update(`${timestamp}${token}`).digest('hex');
  return { timestamp: String(timestamp), token, signature };
}
