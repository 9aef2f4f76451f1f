import type { Server } from 'node:http';
import { App } from '@slack/bolt';

/** The framework's floor: a bare Bolt app whose /rimborso acks and opens a minimal modal, nothing else. */
export async function startBareBolt(options: { slackApiUrl: string; signingSecret: string }) {
  const app = new App({
    token: 'xoxb-bench-token',
    signingSecret: options.signingSecret,
    clientOptions: { slackApiUrl: options.slackApiUrl },
  });
  app.command('/rimborso', async ({ ack, client, command }) => {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: {
        type: 'modal',
        title: { type: 'plain_text', text: 'Rimborso' },
        blocks: [{ type: 'section', text: { type: 'plain_text', text: 'Ciao' } }],
      },
    });
  });
  const server = (await app.start(0)) as Server;
  return {
    server,
    async stop(): Promise<void> {
      await app.stop();
    },
  };
}
