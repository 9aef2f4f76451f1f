/**
 * Health: the Slack checks run at start-up and by /readyz (the bot token works; the review channel exists, is not
 * archived and has the bot in it), and `describeSlackFailure`, which turns a Web API error into one line naming
 * the call, what Slack said and the fix.
 */
import { ErrorCode, type WebClient } from '@slack/web-api';

/**
 * The Slack checks run at start-up and by /readyz: the bot token works, and the review channel exists
 * with the bot in it. Each failure is one line naming the Slack call, what Slack said, and the fix.
 */
export type CheckResult = { ok: true } | { ok: false; problem: string };

export interface BotIdentity {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  /** The bot user's handle, for "/invite @…". */
  botName: string;
}

const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'no_permission',
]);

type SlackErrorLike = {
  code?: string;
  data?: { error?: string; needed?: string };
  statusCode?: number;
  retryAfter?: number;
  original?: { message?: string; cause?: { code?: string; message?: string } };
  message?: string;
};

/** "Slack METHOD failed (what Slack said): the fix", for any error the Web API client throws. */
export function describeSlackFailure(method: string, error: unknown, fixes: Record<string, string> = {}): string {
  const e = (error ?? {}) as SlackErrorLike;
  if (e.code === ErrorCode.PlatformError) {
    const code = e.data?.error ?? 'error';
    const needed = code === 'missing_scope' && e.data?.needed ? ` ${e.data.needed}` : '';
    const fix =
      fixes[code] ??
      (TOKEN_ERRORS.has(code)
        ? 'SLACK_BOT_TOKEN is wrong or revoked: copy the Bot User OAuth Token again (OAuth & Permissions; reinstall the app if it was removed)'
        : code === 'missing_scope'
          ? 'add the scopes listed in manifest.yml to the app and reinstall it'
          : 'see https://api.slack.com/methods/' + method);
    return `Slack ${method} failed (${code}${needed}): ${fix}`;
  }
  if (e.code === ErrorCode.RateLimitedError)
    return `Slack ${method} failed (rate limited): try again in ${e.retryAfter ?? 60} s`;
  if (e.code === ErrorCode.HTTPError)
    return `Slack ${method} failed (HTTP ${e.statusCode}): Slack is having trouble; try again shortly`;
  if (e.code === ErrorCode.RequestError) {
    const cause = e.original?.cause?.code ?? e.original?.cause?.message ?? e.original?.message ?? 'network error';
    return `Slack ${method} failed (cannot reach Slack: ${cause}): check the network, the proxy, or SLACK_API_URL`;
  }
  return `Slack ${method} failed (${e.message ?? String(error)})`;
}

/** auth.test: the token is valid, and whose it is (the workspace and the bot user, for the log). */
export async function verifyBotToken(
  client: WebClient,
): Promise<{ ok: true; identity: BotIdentity } | { ok: false; problem: string }> {
  try {
    const result = await client.auth.test();
    return {
      ok: true,
      identity: {
        teamId: result.team_id ?? '',
        teamName: result.team ?? '',
        botUserId: result.user_id ?? '',
        botId: result.bot_id ?? '',
        botName: result.user ?? 'the app',
      },
    };
  } catch (error) {
    return { ok: false, problem: describeSlackFailure('auth.test', error) };
  }
}

/** conversations.info: the review channel exists, is not archived, and the bot is a member of it. */
export async function verifyReviewChannel(client: WebClient, channelId: string, botName: string): Promise<CheckResult> {
  const invite = `/invite @${botName}`;
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    const name = channel?.name ? `#${channel.name} (${channelId})` : channelId;
    if (channel?.is_archived)
      return {
        ok: false,
        problem: `The review channel ${name} is archived: unarchive it, or set REVIEW_CHANNEL_ID to another channel`,
      };
    if (!channel?.is_member)
      return {
        ok: false,
        problem: `The bot is not in the review channel ${name}: invite the bot: ${invite} in that channel`,
      };
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      problem: describeSlackFailure('conversations.info', error, {
        channel_not_found: `REVIEW_CHANNEL_ID=${channelId} is no channel the bot can see: check the id (channel details, at the bottom); for a private channel, invite the bot first: ${invite}`,
        not_in_channel: `invite the bot: ${invite} in the review channel`,
      }),
    };
  }
}
