/**
 * Sandbox: the Slack API double served over local HTTP (Web API, response_urls, file downloads and uploads),
 * so the real app can run with SLACK_API_URL pointed at it. Used by the demo, the benchmark and integration
 * tests that start the app as a process.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http/read-body.ts';
import { createSlackApiDouble, decodeSlackArgs, type SlackApiDouble } from './slack-api-double.ts';

export interface SlackStandIn extends SlackApiDouble {
  /** Base URL of the Web API, for SLACK_API_URL: http://127.0.0.1:PORT/api/ */
  apiUrl: string;
  /** A response_url that this stand-in records. */
  responseUrl: string;
  stop(): Promise<void>;
}

/**
 * A local Slack Web API on 127.0.0.1: the same double the integration tests use through nock, served
 * over HTTP, so the real app can run with SLACK_API_URL pointed here (demo, benchmark). A simulated
 * network error closes the connection without an answer.
 */
export async function startSlackStandIn(
  options: { channelMembers?: readonly string[]; port?: number; clock?: () => Date } = {},
): Promise<SlackStandIn> {
  // Created once the port is known: the double's file and upload URLs point back at this server.
  let double: SlackApiDouble = createSlackApiDouble({ clock: () => new Date(), ...options });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'GET' && url.pathname.startsWith('/files-pri/')) {
      const file = double.download(url.pathname, req.headers.authorization);
      res.writeHead(file.status, { 'content-type': file.contentType }).end(file.bytes);
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/upload/v1/')) {
      const bytes = await readBody(req, 11 * 1024 * 1024);
      res
        .writeHead(double.receiveUpload(url.pathname.slice('/upload/v1/'.length), bytes), {
          'content-type': 'text/plain',
        })
        .end('OK');
      return;
    }
    const args = decodeSlackArgs(await readBody(req, 5_000_000));
    if (url.pathname.startsWith('/respond/')) {
      // The path too: a caller may give each click a response_url of its own (the soak run does).
      double.recordResponse({ ...args, responseUrlPath: url.pathname });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = /^\/api\/([\w.]+)$/.exec(url.pathname)?.[1];
    if (!method) {
      res.writeHead(404).end();
      return;
    }
    const reply = await double.handle(method, args);
    if ('networkError' in reply) {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double = createSlackApiDouble({ clock: () => new Date(), ...options, fileOrigin: origin });
  return {
    ...double,
    apiUrl: `${origin}/api/`,
    responseUrl: `${origin}/respond/T1/1/abc`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
