import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { z } from 'zod';
import { isDatabaseReachable } from '../db/database.ts';
import { t } from '../i18n/messages.ts';
import type { AppDeps } from '../slack/deps.ts';
import { refuseRequest } from '../use-cases/refuse-request.ts';
import { buildLedgerRoutes } from './ledger-route.ts';
import { handleMetrics, METRICS_PATH } from './metrics-route.ts';
import { bearerMatches, sendJson } from './http-helpers.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';

export const HEALTH_PATH = '/healthz';
export const INBOUND_EMAIL_PATH = '/inbound/email';
const MAX_EMAIL_BODY_BYTES = 1_000_000;



// Helpdesks and mail providers name the sender differently; only the address is kept, never the text.
const InboundEmail = z.looseObject({
  from: z.unknown().optional(),
  sender: z.unknown().optional(),
  email: z.unknown().optional(),
});

function senderOf(payload: z.infer<typeof InboundEmail>): string | null {
  for (const candidate of [payload.from, payload.sender, payload.email]) {
    const text = typeof candidate === 'string' ? candidate : '';
    const address = /<([^<>\s]+@[^<>\s]+)>/.exec(text)?.[1] ?? text.trim();
    if (z.email().safeParse(address).success) return address.toLowerCase();
  }
  return null;
}

function refusalReply() {
  return {
    it: { subject: t('it', 'refuse.email_subject'), text: t('it', 'refuse.email') },
    en: { subject: t('en', 'refuse.email_subject'), text: t('en', 'refuse.email') },
  };
}

async function handleInboundEmail(deps: AppDeps, req: IncomingMessage, res: ServerResponse) {
  if (!bearerMatches(req.headers.authorization, deps.config.inboundEmailToken)) {
    sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
    return;
  }
  let payload: z.infer<typeof InboundEmail> = {};
  try {
    const raw = await readBody(req, MAX_EMAIL_BODY_BYTES);
    if (raw.trim()) payload = InboundEmail.parse(JSON.parse(raw));
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendJson(res, 413, { error: 'payload_too_large' });
      return;
    }
    if (error instanceof SyntaxError || error instanceof z.ZodError) {
      sendJson(res, 400, { error: 'invalid_json', message: 'The body must be a JSON object.' });
      return;
    }
    throw error;
  }
  await refuseRequest(deps, { channel: 'email', sender: senderOf(payload), slackChannelId: null, dedupeKey: null, at: deps.clock() });
  deps.logger.info('refund request by email refused');
  sendJson(res, 200, { accepted: false, claim_created: false, reply: refusalReply() });
}

async function handleHealth(deps: AppDeps, res: ServerResponse) {
  const up = await isDatabaseReachable(deps.db);
  sendJson(res, up ? 200 : 503, { status: up ? 'ok' : 'database_unreachable' });
}

/** Bolt calls route handlers without awaiting them: failures must end the response and reach the log. */
function safely(deps: AppDeps, run: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    run(req, res).catch((error: unknown) => {
      deps.logger.error('http route failed', { path: req.url }, error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
      else res.end();
    });
  };
}

export function buildCustomRoutes(deps: AppDeps): CustomRoute[] {
  return [
    { path: HEALTH_PATH, method: ['GET'], handler: safely(deps, (_req, res) => handleHealth(deps, res)) },
    { path: INBOUND_EMAIL_PATH, method: ['POST'], handler: safely(deps, (req, res) => handleInboundEmail(deps, req, res)) },
    ...buildLedgerRoutes(deps),
    {
      path: METRICS_PATH,
      method: ['GET'],
      handler: safely(deps, (req, res) => handleMetrics({ metrics: deps.metrics, metricsToken: deps.config.metricsToken }, req, res)),
    },
  ];
}
