/** Listener: the bot joined a channel; releases the messages blocked until it was in the review channel. */
import type { App } from '@slack/bolt';
import type { AppDeps } from '../deps.ts';

/**
 * The bot invited to the review channel: the messages blocked because it was not there (a review post
 * refused with not_in_channel, or channel_not_found for a private channel) go out now, once.
 */
export function registerBotJoinedChannel(app: App, deps: AppDeps): void {
  app.event('member_joined_channel', async ({ event, context }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    if (event.channel !== deps.config.slack.reviewChannelId) return;
    const released = await deps.blockedDeliveries.releaseForChannel();
    deps.logger.info('bot joined the review channel', { channel: event.channel, released });
  });
}
