/**
 * Slack: builds the Bolt app for application.ts, with the guarded receiver (Socket Mode when an app token is
 * configured, HTTP on /slack/events otherwise), the app's own HTTP routes, and every listener registered; and
 * starts it (startSlackApp).
 */
import type { Server } from 'node:http';
import { App, LogLevel, type AppOptions, type CustomRoute } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import { GuardedHTTPReceiver, GuardedSocketModeReceiver } from './guarded-receivers.ts';
import type { AppDeps } from './deps.ts';
import { registerOffFormRequests } from './listeners/off-form-requests.ts';
import { registerRefundForm } from './listeners/refund-form.ts';
import { registerRefundSubmission } from './listeners/refund-submission.ts';
import { registerApproveAndReject } from './listeners/approve-and-reject.ts';
import { registerAppHome } from './listeners/app-home.ts';
import { registerTakeAndQuestions } from './listeners/take-and-questions.ts';
import { registerBotJoinedChannel } from './listeners/bot-joined-channel.ts';
import { registerReverseRefund } from './listeners/reverse-refund.ts';
import { registerContest } from './listeners/contest.ts';

export interface SlackAppOptions {
  /** The app's own HTTP routes (/healthz, /readyz, …), built by the composition root from src/http/. */
  customRoutes: CustomRoute[];
  /** Overrides for the Web API client (tests shorten its retries). */
  clientOptions?: WebClientOptions;
  /** The bot's ids from the start-up auth.test: Bolt then makes no auth.test of its own in the constructor. */
  identity?: { botId: string; botUserId: string };
  /** Socket Mode: told when the socket connects (true) and when it drops (false). */
  onSocketConnection?: (connected: boolean) => void;
}

export interface SlackApp {
  app: App;
  /** Socket Mode: the HTTP server of /healthz, /readyz and the app's own routes (HTTP mode: app.start returns it). */
  socketHttpServer: Server | undefined;
}

/**
 * The Bolt app with every listener: Socket Mode when an app token is configured, otherwise the HTTP
 * receiver on /slack/events (signatures checked by Bolt). /healthz and /inbound/email are served in
 * both modes.
 */
export function createSlackApp(deps: AppDeps, options: SlackAppOptions): SlackApp {
  const { slack, port } = deps.config;
  const apiUrl = slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {};
  // The one WebClient of the listeners: it fails fast on a 429 instead of pausing every call.
  const common: AppOptions = {
    token: slack.botToken,
    ...options.identity,
    logger: deps.logger,
    logLevel: deps.config.logLevel as LogLevel,
    clientOptions: { ...apiUrl, ...options.clientOptions },
  };
  // Both receivers refuse, before Bolt reads them, bodies that are not Slack payloads this app handles.
  const receiver = slack.appToken
    ? createSocketReceiver(deps, slack.appToken, port, apiUrl, options)
    : new GuardedHTTPReceiver({
        signingSecret: slack.signingSecret,
        logger: deps.logger,
        customRoutes: options.customRoutes,
      });
  const app = new App({ ...common, receiver });

  registerRefundForm(app, deps);
  registerRefundSubmission(app, deps);
  registerApproveAndReject(app, deps);
  registerTakeAndQuestions(app, deps);
  registerReverseRefund(app, deps);
  registerContest(app, deps);
  registerAppHome(app, deps);
  registerOffFormRequests(app, deps);
  registerBotJoinedChannel(app, deps);

  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    deps.logger.error('unhandled error in a Slack listener', { code: error.code }, original);
  });
  // Bolt keeps the receiver's HTTP server private; it is created in the constructor, before start().
  return {
    app,
    socketHttpServer: slack.appToken
      ? (receiver as unknown as { httpServer: Server | undefined }).httpServer
      : undefined,
  };
}

/**
 * Starts the receiver; resolves with the HTTP server. Socket Mode: once the socket is connected (it rejects when
 * Slack refuses the app token) and the server of the app's own routes is listening.
 */
export async function startSlackApp({ app, socketHttpServer }: SlackApp, port: number): Promise<Server | undefined> {
  if (!socketHttpServer) return (await app.start(port)) as Server | undefined;
  const listening = new Promise<void>((resolve, reject) => {
    socketHttpServer.once('listening', resolve);
    socketHttpServer.once('error', reject);
  });
  const connected = app.start(port);
  await listening;
  await connected;
  return socketHttpServer;
}

/**
 * Built here rather than by Bolt so that apps.connections.open goes to SLACK_API_URL too (Bolt passes
 * only installerOptions.clientOptions to the socket client) and so that readiness knows whether the
 * socket is connected.
 */
function createSocketReceiver(
  deps: AppDeps,
  appToken: string,
  port: number,
  apiUrl: { slackApiUrl?: string },
  { customRoutes, onSocketConnection: onConnection }: SlackAppOptions,
): GuardedSocketModeReceiver {
  const receiver = new GuardedSocketModeReceiver({
    appToken,
    logger: deps.logger,
    logLevel: deps.config.logLevel as LogLevel,
    customRoutes,
    installerOptions: { port, clientOptions: { ...apiUrl } },
  });
  receiver.client.on('connected', () => onConnection?.(true));
  // 'close' is the socket dropping; the client then waits before 'reconnecting' and 'connecting'.
  for (const state of ['close', 'disconnected', 'reconnecting', 'connecting'])
    receiver.client.on(state, () => onConnection?.(false));
  return receiver;
}
