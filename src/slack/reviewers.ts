/**
 * Who may decide claims: the members of the review channel, narrowed to REVIEWER_USER_IDS when set. Built once
 * by the composition root (application.ts) and handed to the listeners, the App Home and delivery; the member
 * list is cached for a minute, and a failed lookup is not cached.
 */
import type { WebClient } from '@slack/web-api';

export interface ReviewerDirectoryOptions {
  client: WebClient;
  reviewChannelId: string;
  /** REVIEWER_USER_IDS: when set, only these members of the channel may decide. */
  allowList: readonly string[] | undefined;
  ttlMs?: number;
  clock?: () => number;
}

/**
 * Reviewers are the members of the review channel (conversations.members, cached briefly so a burst
 * of clicks costs one call), narrowed to the allow-list when there is one.
 */
export function createReviewerDirectory(options: ReviewerDirectoryOptions) {
  const ttlMs = options.ttlMs ?? 60_000;
  const clock = options.clock ?? Date.now;
  let cached: { members: Promise<Set<string>>; expiresAt: number } | undefined;

  async function fetchMembers(): Promise<Set<string>> {
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await options.client.conversations.members({
        channel: options.reviewChannelId,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      for (const id of page.members ?? []) members.add(id);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members;
  }

  function channelMembers(): Promise<Set<string>> {
    if (cached && cached.expiresAt > clock()) return cached.members;
    const members = fetchMembers();
    const entry = { members, expiresAt: clock() + ttlMs };
    cached = entry;
    // A failed lookup must not be remembered: the next click asks Slack again.
    members.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return members;
  }

  return {
    /** Everyone who may decide: the channel's members, narrowed to the allow-list. */
    async listReviewers(): Promise<string[]> {
      const members = [...(await channelMembers())];
      return options.allowList ? members.filter((id) => options.allowList?.includes(id)) : members;
    },
    async isReviewer(userId: string): Promise<boolean> {
      if (options.allowList && !options.allowList.includes(userId)) return false;
      return (await channelMembers()).has(userId);
    },
  };
}

export type ReviewerDirectory = ReturnType<typeof createReviewerDirectory>;
