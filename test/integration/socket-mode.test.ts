import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildBlockAction,
  buildRefundStateValues,
  buildSlashCommand,
  buildViewSubmission,
} from '../../src/sandbox/slack-payloads.ts';
import { startSocketModeStandIn, type SocketModeStandIn } from '../../src/sandbox/socket-mode-stand-in.ts';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { onlyClaim, resetDatabase } from '../support/db-helpers.ts';
import { eventually, startTestApp, withResponseUrl, type TestApp } from '../support/test-app.ts';

/**
 * The real app in Socket Mode (SLACK_APP_TOKEN set) against a local stand-in of Slack's Socket Mode
 * protocol: apps.connections.open, hello, envelopes and their acks over a real WebSocket.
 */
let socket: SocketModeStandIn;
let app: TestApp;

beforeAll(async () => {
  socket = await startSocketModeStandIn();
  app = await startTestApp({
    env: { SLACK_APP_TOKEN: 'xapp-1-A0STANDIN-1-socket-test' },
    slackCheckTtlMs: 0,
    beforeStart: (slack) => slack.respond('apps.connections.open', socket.connectionsOpen),
  });
  await socket.waitForConnections(1);
}, 30_000);
afterAll(async () => {
  await app?.stop();
  await socket?.stop();
});
beforeEach(async () => {
  await resetDatabase(app.database.db);
  app.slack.reset();
  app.slack.respond('apps.connections.open', socket.connectionsOpen);
  await socket.waitForConnections(1);
});

const send = (type: 'slash_commands' | 'interactive', payload: unknown) =>
  socket.send(type, withResponseUrl(payload, app.slack.responseUrl));

async function submitClaim() {
  const ack = await send('interactive', buildViewSubmission());
  await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
  return ack;
}

describe('Socket Mode, end to end', () => {
  it('connects with the app token through apps.connections.open and is ready', async () => {
    expect(socket.opened()).toBeGreaterThanOrEqual(1);
    const res = await fetch(`${app.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ checks: { socket_mode: { ok: true } } });
  });

  it('/rimborso over the socket is acknowledged and opens the modal', async () => {
    const ack = await send('slash_commands', buildSlashCommand());
    expect(ack.envelope_id).toMatch(/^[0-9a-f]{16}$/);
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    expect(app.slack.calls('views.open')[0]?.args.trigger_id).toMatch(/^trigger-/);
  });

  it('a submission with a bad field gets the field errors in the ack payload, and nothing is stored', async () => {
    const ack = await send('interactive', buildViewSubmission({ values: buildRefundStateValues({ credits: '0' }) }));
    expect(ack.payload).toMatchObject({ response_action: 'errors' });
    expect(Object.keys((ack.payload?.errors ?? {}) as object).length).toBeGreaterThan(0);
    expect(await app.database.db.selectFrom('claims').select('id').execute()).toEqual([]);
  });

  it('a good submission makes a claim, answered in the ack payload, and posts it for review', async () => {
    const ack = await submitClaim();
    expect(ack.payload).toMatchObject({ response_action: 'update' });
    expect((await onlyClaim(app.database.db)).status).toBe('pending_review');
  });

  it('an approve click decides the claim', async () => {
    await submitClaim();
    const claim = await onlyClaim(app.database.db);
    const ack = await send(
      'interactive',
      buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claim.id, user: 'UREVIEWER1' }),
    );
    expect(ack.envelope_id).toBeTruthy();
    await eventually(async () => expect((await onlyClaim(app.database.db)).status).toBe('approved'));
    await eventually(() => expect(app.slack.calls('chat.update')).toHaveLength(1));
  });

  it('reconnects when Slack asks for a refresh, and keeps working', async () => {
    const before = socket.opened();
    socket.requestRefresh();
    await eventually(() => expect(socket.opened()).toBe(before + 1), 10_000);
    await socket.waitForConnections(1);
    await send('slash_commands', buildSlashCommand());
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
  });

  it('/readyz is 503 naming the socket while the connection is down, and 200 once it is back', async () => {
    socket.dropConnections();
    const down = await eventually(async () => {
      const res = await fetch(`${app.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      return res.json();
    });
    expect(down).toMatchObject({
      checks: { socket_mode: { ok: false, problem: 'the Socket Mode connection to Slack is down' } },
    });
    await eventually(async () => expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200), 15_000);
  }, 30_000);
});
