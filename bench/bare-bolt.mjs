/* global process, console */
/* eslint-disable no-restricted-properties -- bench/ is a tool, not the app: its settings come from the bench. */
// The framework's floor, run with plain `node` like the compiled app: a Bolt app whose /rimborso acks
// and opens a modal, nothing else. PORT, SLACK_API_URL and SLACK_SIGNING_SECRET as for the app; the
// modal is read from VIEW_FILE (the app's own form, written by the bench), so both send Slack the same view.
import { readFileSync } from 'node:fs';
import bolt from '@slack/bolt';

const view = JSON.parse(readFileSync(process.env.VIEW_FILE, 'utf8'));

const app = new bolt.App({
  token: 'xoxb-bench-token',
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command('/rimborso', async ({ ack, client, command }) => {
  await ack();
  await client.views.open({
    trigger_id: command.trigger_id,
    view,
  });
});
await app.start(Number(process.env.PORT));
console.log('ready');
