/* global process, console */
/* eslint-disable no-restricted-properties -- bench/ is a tool, not the app: its settings come from the bench. */
// The framework's floor, run with plain `node` like the compiled app: a Bolt app whose /rimborso acks
// and opens a modal, nothing else. PORT, SLACK_API_URL and SLACK_SIGNING_SECRET as for the app.
import bolt from '@slack/bolt';

const app = new bolt.App({
  token: 'xoxb-bench-token',
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
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
await app.start(Number(process.env.PORT));
console.log('ready');
