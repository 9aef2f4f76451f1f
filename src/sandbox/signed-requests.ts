/**
 * Sandbox: sends requests to the app's /slack/events as Slack would, signed with the signing secret
 * (slash commands, interactions, events). Used by the tests, the demo and the soak run; the Socket Mode
 * stand-in offers the same SlackSender over a WebSocket.
 */
import { createHmac } from 'node:crypto';

/** Requests as Slack sends them: signed with the app's signing secret (v0 HMAC-SHA256). */
export function signSlackRequest(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

export interface SlackSender {
  slashCommand(fields: Record<string, string>): Promise<Response>;
  interaction(payload: unknown): Promise<Response>;
  event(envelope: unknown, headers?: Record<string, string>): Promise<Response>;
  raw(body: string, contentType: string, headers: Record<string, string>): Promise<Response>;
}

export function createSlackSender(
  baseUrl: string,
  secret: string,
  prepare: (payload: unknown) => unknown = (payload) => payload,
): SlackSender {
  const post = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...signSlackRequest(secret, body), ...headers },
      body,
    });
  return {
    slashCommand: (fields) =>
      post(
        new URLSearchParams(prepare(fields) as Record<string, string>).toString(),
        'application/x-www-form-urlencoded',
      ),
    interaction: (payload) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(prepare(payload)) }).toString(),
        'application/x-www-form-urlencoded',
      ),
    event: (envelope, headers) => post(JSON.stringify(envelope), 'application/json', headers),
    raw: (body, contentType, headers) =>
      fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body }),
  };
}
