import type { App } from '@slack/bolt';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { buildBlockAction, buildDirectMessage, buildSlashCommand } from '../../src/sandbox/slack-payloads.ts';
import { GuardedSocketModeReceiver } from '../../src/slack/guarded-receivers.ts';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';

/**
 * Socket Mode: what arrives on the WebSocket goes to the SDK client as a 'ws_message' (the text of one
 * frame). The real receiver and SDK client, with Bolt's App replaced by a recorder of what reaches it.
 */
let crashes: unknown[];
const onCrash = (error: unknown) => crashes.push(error);
beforeEach(() => {
  crashes = [];
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
});
afterEach(() => {
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
});

function receiverWithRecorder() {
  const logs: string[] = [];
  const receiver = new GuardedSocketModeReceiver({
    appToken: 'xapp-1-test',
    logger: createLogger('warn', (line) => logs.push(line)),
  });
  const received: unknown[] = [];
  receiver.init({ processEvent: async (event: { body: unknown }) => void received.push(event.body) } as unknown as App);
  const deliver = async (frame: string) => {
    receiver.client.emit('ws_message', frame, false);
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { receiver, received, logs, deliver };
}

const message = buildDirectMessage('rimborso');
const envelope = (type: string, payload: unknown) =>
  JSON.stringify({ envelope_id: 'env-1', type, payload, accepts_response_payload: false });

describe('Socket Mode envelopes that are not Slack payloads', () => {
  it.each([
    ['null', 'null'],
    ['[]', '[]'],
    ['0', '0'],
    ['"x"', '"x"'],
    ['{}', '{}'],
    ['an events_api envelope without a payload', envelope('events_api', null)],
    ['an events_api envelope whose event is null', envelope('events_api', { ...message, event: null })],
    [
      'an events_api envelope of an "error" event',
      envelope('events_api', { ...message, event: { type: 'error', channel: 'C1' } }),
    ],
    ['an envelope typed "error"', envelope('error', {})],
    ['an interactive envelope without user or actions', envelope('interactive', { type: 'block_actions' })],
    ['a slash command envelope whose payload is "x"', envelope('slash_commands', 'x')],
    ['an envelope without an id', JSON.stringify({ type: 'events_api', payload: message })],
  ])('%s: never reaches Bolt, never crashes the process', async (_name, frame) => {
    const { received, logs, deliver } = receiverWithRecorder();
    await deliver(frame);
    expect(received).toEqual([]);
    expect(crashes).toEqual([]);
    expect(logs.some((line) => line.includes('Socket Mode envelope refused'))).toBe(true);
  });

  it('real envelopes still reach Bolt', async () => {
    const { received, deliver } = receiverWithRecorder();
    const block = {
      ...buildBlockAction({ actionId: APPROVE_ACTION_ID, value: 'x', user: 'UREVIEWER1' }),
      response_url: 'https://hooks.slack.test/1',
    };
    await deliver(envelope('events_api', message));
    await deliver(envelope('interactive', block));
    await deliver(envelope('slash_commands', { ...buildSlashCommand(), response_url: 'https://hooks.slack.test/2' }));
    await deliver(JSON.stringify({ type: 'hello', num_connections: 1 }));
    expect(received).toEqual([message, block, expect.objectContaining({ command: '/rimborso' })]);
    expect(crashes).toEqual([]);
  });

  it('1,000 generated envelopes: the process never crashes', async () => {
    const { deliver } = receiverWithRecorder();
    const frames = fc.sample(
      fc.oneof(
        fc.json({ maxDepth: 3 }),
        fc
          .tuple(
            fc.constantFrom('events_api', 'interactive', 'slash_commands', 'error', 'hello', '__proto__'),
            fc.jsonValue({ maxDepth: 3 }),
          )
          .map(([type, payload]) => envelope(type, payload)),
        fc.jsonValue({ maxDepth: 2 }).map((event) => envelope('events_api', { ...message, event })),
      ),
      { numRuns: 1000, seed: 20261201 },
    );
    for (const frame of frames) await deliver(frame);
    expect(crashes).toEqual([]);
  });
});
