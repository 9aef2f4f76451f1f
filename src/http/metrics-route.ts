/** HTTP route: GET /metrics, the Prometheus text, behind METRICS_TOKEN when it is set. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from '../metrics/metrics.ts';
import { bearerMatches, sendJson } from './http-helpers.ts';

export const METRICS_PATH = '/metrics';

/** GET /metrics: Prometheus text; behind `Authorization: Bearer $METRICS_TOKEN` when the token is set. */
export async function handleMetrics(
  deps: { metrics: Metrics; metricsToken: string | undefined },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (deps.metricsToken !== undefined && !bearerMatches(req.headers.authorization, deps.metricsToken)) {
    sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
    return;
  }
  const text = await deps.metrics.render();
  res.writeHead(200, { 'content-type': deps.metrics.contentType });
  res.end(text);
}
