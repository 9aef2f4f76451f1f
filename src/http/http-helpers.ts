/**
 * HTTP helpers shared by the app's own routes beside Bolt's: JSON replies, a wrapper that turns an unawaited
 * handler's failure into a logged 500, and a timing-safe bearer-token check.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppLogger } from '../logger.ts';

/** Small pieces shared by the app's own HTTP routes (email, ledger, health). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Bolt calls route handlers without awaiting them: failures must end the response and reach the log. */
export function safely(
  logger: AppLogger,
  run: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    run(req, res).catch((error: unknown) => {
      logger.error('http route failed', { path: req.url }, error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      else res.end();
    });
  };
}

/** Compares digests so neither the token's length nor its content leaks through timing. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/i.exec(header ?? '');
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}
