import http from 'node:http';
import { createSlackSender, signSlackRequest } from '../src/sandbox/signed-requests.ts';
import { RESPONSE_URL_PLACEHOLDER } from '../src/sandbox/slack-payloads.ts';

/**
 * How the load generator sends Slack's signed requests. Both sign exactly like Slack (signSlackRequest)
 * and put the stand-in's response_url where the payload factories leave RESPONSE_URL_PLACEHOLDER:
 * - 'http': node:http with a keep-alive Agent, one socket per virtual user in flight. The default.
 * - 'fetch': Node's fetch through createSlackSender. Under a burst of 100 users, requests sent together
 *   through Node 20's fetch (undici 6) complete one round trip apart, up to seconds, while the app has
 *   answered the others: the wait is inside the client. The report keeps one level through it to show it.
 */
export type Transport = 'http' | 'fetch';
export type Answer = { status: number; body: string };

export interface SignedSender {
  slashCommand(fields: Record<string, string>): Promise<Answer>;
  interaction(payload: unknown): Promise<Answer>;
  close(): void;
}

function withResponseUrl(responseUrl: string) {
  return (payload: unknown) => {
    const record = payload as Record<string, unknown>;
    return record.response_url === RESPONSE_URL_PLACEHOLDER ? { ...record, response_url: responseUrl } : payload;
  };
}

function fetchSender(baseUrl: string, secret: string, responseUrl: string): SignedSender {
  const sender = createSlackSender(baseUrl, secret, withResponseUrl(responseUrl));
  const read = async (response: Response): Promise<Answer> => ({
    status: response.status,
    body: await response.text(),
  });
  return {
    slashCommand: async (fields) => read(await sender.slashCommand(fields)),
    interaction: async (payload) => read(await sender.interaction(payload)),
    close: () => {},
  };
}

function httpSender(baseUrl: string, secret: string, responseUrl: string): SignedSender {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const url = new URL('/slack/events', baseUrl);
  const prepare = withResponseUrl(responseUrl);
  const post = (body: string) =>
    new Promise<Answer>((resolve, reject) => {
      const headers = {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
        ...signSlackRequest(secret, body),
      };
      const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(body);
    });
  return {
    slashCommand: (fields) => post(new URLSearchParams(prepare(fields) as Record<string, string>).toString()),
    interaction: (payload) => post(new URLSearchParams({ payload: JSON.stringify(prepare(payload)) }).toString()),
    close: () => agent.destroy(),
  };
}

export function createSender(transport: Transport, baseUrl: string, secret: string, responseUrl: string): SignedSender {
  return transport === 'fetch' ? fetchSender(baseUrl, secret, responseUrl) : httpSender(baseUrl, secret, responseUrl);
}
