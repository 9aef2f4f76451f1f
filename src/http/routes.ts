/**
 * HTTP: the app's custom routes mounted on Bolt's server (built in application.ts): /healthz, /readyz, inbound
 * email, the ledger and /metrics. Handlers that do work are wrapped in `safely`, because Bolt does not await them.
 */
import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { AppDeps } from '../slack/deps.ts';
import { buildLedgerRoutes } from './ledger-route.ts';
import { handleMetrics, METRICS_PATH } from './metrics-route.ts';
import { safely, sendJson } from './http-helpers.ts';
import { INBOUND_EMAIL_PATH, handleInboundEmail } from './email/inbound-email-route.ts';

export const HEALTH_PATH = '/healthz';
export const READY_PATH = '/readyz';
export { INBOUND_EMAIL_PATH };

/** Liveness: the process serves requests. Whether it can do its work is /readyz. */
function handleHealth(res: ServerResponse) {
  sendJson(res, 200, { status: 'ok' });
}

/** Readiness: every named check, with the problem of each failing one; 503 when any fails. */
async function handleReady(deps: AppDeps, res: ServerResponse) {
  const report = await deps.readiness.evaluate();
  sendJson(
    res,
    report.ready ? 200 : 503,
    { status: report.ready ? 'ready' : 'not_ready', checks: report.checks },
    { 'cache-control': 'no-store' },
  );
}

export function buildCustomRoutes(deps: AppDeps): CustomRoute[] {
  return [
    { path: HEALTH_PATH, method: ['GET'], handler: (_req, res) => handleHealth(res) },
    { path: READY_PATH, method: ['GET'], handler: safely(deps.logger, (_req, res) => handleReady(deps, res)) },
    {
      path: INBOUND_EMAIL_PATH,
      method: ['POST'],
      handler: safely(deps.logger, (req, res) => handleInboundEmail(deps, req, res)),
    },
    ...buildLedgerRoutes(deps),
    {
      path: METRICS_PATH,
      method: ['GET'],
      handler: safely(deps.logger, (req, res) =>
        handleMetrics({ metrics: deps.metrics, metricsToken: deps.config.metricsToken }, req, res),
      ),
    },
  ];
}
