import { App, LogLevel, type AppOptions } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { buildCustomRoutes } from '../http/routes.ts';
import type { AppDeps } from './deps.ts';
import { registerOtherChannels } from './listeners/other-channels.ts';
import { registerRefundForm } from './listeners/refund-form.ts';
import { registerRefundSubmission } from './listeners/refund-submission.ts';
import { registerReviewActions } from './listeners/review-actions.ts';
import { registerAppHome } from './listeners/app-home.ts';
import { registerClaimWork } from './listeners/claim-work.ts';
import { registerReverseRefund } from './listeners/reverse-refund.ts';
import { registerContest } from './listeners/contest.ts';

export interface SlackAppOptions {
  /** Overrides for the Web API client (tests shorten its retries). */
  clientOptions?: WebClientOptions;
}

/**
 * The Bolt app with every listener: Socket Mode when an app token is configured, otherwise the HTTP
 * receiver on /slack/events (signatures checked by Bolt). /healthz and /inbound/email are served in
 * both modes.
 */
export function createSlackApp(deps: AppDeps, options: SlackAppOptions = {}): App {
  const { slack, port } = deps.config;
  // The one WebClient of the listeners: it fails fast on a 429 instead of pausing every call.
  const common: AppOptions = {
    token: slack.botToken,
    logger: deps.logger,
    logLevel: deps.config.logLevel as LogLevel,
    customRoutes: buildCustomRoutes(deps),
    clientOptions: { ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}), ...options.clientOptions },
  };
  const app = slack.appToken
    ? new App({ ...common, socketMode: true, appToken: slack.appToken, installerOptions: { port } })
    : new App({ ...common, signingSecret: slack.signingSecret });

  registerRefundForm(app, deps);
  registerRefundSubmission(app, deps);
  registerReviewActions(app, deps);
  registerClaimWork(app, deps);
  registerReverseRefund(app, deps);
  registerContest(app, deps);
  registerAppHome(app, deps);
  registerOtherChannels(app, deps);

  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    deps.logger.error('unhandled error in a Slack listener', { code: error.code }, original);
  });
  return app;
}
