/** Listeners for refunds asked outside the form (a DM, a mention, a channel message): they get the form. */
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { looksLikeRefundRequest } from '../../domain/refund-request.ts';
import { recordOffFormRequest } from '../../use-cases/record-off-form-request.ts';
import type { AppDeps } from '../deps.ts';
import { buildFormPointerMessage } from '../messages/form-pointer.ts';

interface Attempt {
  where: 'dm' | 'mention' | 'channel';
  userId: string;
  channelId: string;
  threadTs: string | undefined;
  eventId: string;
}

/**
 * Refund requests typed anywhere but the form get one answer: the form is the only way, with a button
 * that opens it. In a DM the answer is a message; in a channel it is ephemeral, so the professional's
 * request is not echoed to everyone.
 */
export function registerOffFormRequests(app: App, deps: AppDeps): void {
  async function pointToTheForm(client: WebClient, attempt: Attempt) {
    const isNew = await recordOffFormRequest(deps, {
      channel: attempt.where,
      sender: attempt.userId,
      slackChannelId: attempt.channelId,
      dedupeKey: `slack:${attempt.eventId}`,
      at: deps.clock(),
    });
    if (!isNew) return;
    deps.logger.info('off-form refund request pointed to the form', { where: attempt.where, user: attempt.userId });
    const pointer = buildFormPointerMessage(await deps.locales.localeOf(attempt.userId));
    const thread = attempt.threadTs ? { thread_ts: attempt.threadTs } : {};
    if (attempt.where === 'dm') {
      await client.chat.postMessage({ channel: attempt.channelId, ...thread, ...pointer });
    } else {
      await client.chat.postEphemeral({ channel: attempt.channelId, user: attempt.userId, ...thread, ...pointer });
    }
  }

  app.event('app_mention', async ({ event, body, client }) => {
    if (!event.user || event.bot_id || !looksLikeRefundRequest(event.text)) return;
    await pointToTheForm(client, {
      where: 'mention',
      userId: event.user,
      channelId: event.channel,
      threadTs: event.thread_ts,
      eventId: body.event_id,
    });
  });

  app.message(async ({ message, body, client, context }) => {
    // Edits, joins and bot posts carry a subtype; only people's new messages are read.
    // Without a user (an app's or a workflow's post) there is no one to answer, and an ephemeral
    // message needs one.
    if (message.subtype !== undefined || message.bot_id || !message.text || !message.user) return;
    if (!looksLikeRefundRequest(message.text)) return;
    const where = message.channel_type === 'im' ? 'dm' : 'channel';
    if (where === 'channel') {
      // Reviewers talk about refunds in their own channel; a mention is answered by app_mention.
      if (message.channel === deps.config.slack.reviewChannelId) return;
      if (context.botUserId && message.text.includes(`<@${context.botUserId}>`)) return;
    }
    await pointToTheForm(client, {
      where,
      userId: message.user,
      channelId: message.channel,
      threadTs: message.thread_ts,
      eventId: body.event_id,
    });
  });
}
