/**
 * Slack history search for delivery after an unknown outcome: finds a message an earlier attempt may have posted
 * (by the outbox id every outbox post carries in its metadata) or a file share (by file id), so it is not sent
 * twice. Used by the deliverer's `postOnce` and the evidence copy.
 */
import type { WebClient } from '@slack/web-api';

/** The event_type of the message metadata every outbox post carries, with its outbox id. */
export const OUTBOX_EVENT_TYPE = 'rimborsi_outbox_message';

export function outboxMetadata(outboxId: string) {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: outboxId } };
}

/** Slack's ts may be a little ahead or behind our clock: the window is widened by this much each way. */
const CLOCK_MARGIN_MS = 5 * 60_000;
/** A busy review channel posts far fewer than this many messages while one outbox message is unsure. */
const MAX_PAGES = 10;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  files?: Array<{ id?: string }>;
}

interface SearchTarget {
  channel: string;
  threadTs?: string;
  since: Date;
  now: Date;
}

/**
 * Looks in the conversation (or in the thread, for a reply) for the message an earlier attempt may
 * have posted, by the outbox id in its metadata, between the first attempt and now. Needs the history
 * scopes (channels:history, groups:history, im:history). Returns its ts when Slack has it.
 */
export function findPostedMessage(
  client: WebClient,
  target: SearchTarget & { outboxId: string },
): Promise<string | undefined> {
  return searchConversation(
    client,
    target,
    (m) =>
      m.metadata?.event_type === OUTBOX_EVENT_TYPE && String(m.metadata.event_payload?.outbox_id) === target.outboxId,
  );
}

/**
 * Looks in a thread for the message that shares a file (files.completeUploadExternal posts one): a
 * file share carries no metadata, but its file id is known before the upload is completed.
 */
export function findSharedFile(
  client: WebClient,
  target: SearchTarget & { threadTs: string; fileId: string },
): Promise<string | undefined> {
  return searchConversation(client, target, (m) => (m.files ?? []).some((file) => file.id === target.fileId));
}

/**
 * Reads the window newest first, at most MAX_PAGES × 200 messages: a message older than that inside
 * the window is not found and is sent again (a channel posting 2,000 messages between an attempt and
 * its retry — the window starts at the first attempt, 5 minutes early).
 */
async function searchConversation(
  client: WebClient,
  target: SearchTarget,
  matches: (message: HistoryMessage) => boolean,
): Promise<string | undefined> {
  const oldest = toSlackTs(target.since.getTime() - CLOCK_MARGIN_MS);
  const latest = toSlackTs(target.now.getTime() + CLOCK_MARGIN_MS);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const common = {
      channel: target.channel,
      oldest,
      latest,
      include_all_metadata: true,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    };
    const answer = target.threadTs
      ? await client.conversations.replies({ ...common, ts: target.threadTs })
      : await client.conversations.history(common);
    const found = ((answer.messages ?? []) as HistoryMessage[]).find(matches);
    if (found?.ts) return found.ts;
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}

function toSlackTs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}
