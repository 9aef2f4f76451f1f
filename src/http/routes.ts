import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { isDatabaseReachable } from '../db/database.ts';
import type { AppDeps } from '../slack/deps.ts';
import { buildLedgerRoutes } from './ledger-route.ts';
import { sendJson } from './http-helpers.ts';
import { INBOUND_EMAIL_PATH, handleInboundEmail } from './email/inbound-email-route.ts';

export const HEALTH_PATH = '/healthz';
export { INBOUND_EMAIL_PATH };

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
  ];
}
