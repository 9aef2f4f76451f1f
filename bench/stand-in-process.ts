import { startSlackStandIn, type SlackStandIn } from '../src/sandbox/slack-stand-in.ts';
import type { StandInMessage, StandInRequest } from './protocol.ts';

/**
 * The Slack stand-in in a process of its own, so answering the apps' Web API calls costs the load
 * generator's event loop nothing. It reports the trigger ids views.open was called with.
 */
const send = (message: StandInMessage) => process.send?.(message);
let standIn: SlackStandIn | undefined;

async function handle(message: StandInRequest) {
  if (message.type === 'start') {
    standIn = await startSlackStandIn({ channelMembers: message.channelMembers });
    send({ type: 'ready', apiUrl: standIn.apiUrl, responseUrl: standIn.responseUrl, pid: process.pid });
  } else if (message.type === 'views-opened') {
    const triggers = (standIn?.calls('views.open') ?? []).map((call) => String(call.args.trigger_id));
    send({ type: 'views-opened', triggers });
  } else {
    await standIn?.stop();
    send({ type: 'stopped' });
    process.disconnect?.();
  }
}

process.on('message', (message: StandInRequest) => {
  handle(message).catch((error: unknown) => send({ type: 'failed', error: String(error) }));
});
process.on('disconnect', () => {
  setTimeout(() => process.exit(), 2_000).unref();
  void (standIn?.stop() ?? Promise.resolve()).finally(() => process.exit());
});
