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

interface MessageWithMetadata {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * Looks in the conversation (or in the thread, for a reply) for the message an earlier attempt may
 * have posted, by the outbox id in its metadata, between the first attempt and now. Needs the history
 * scopes (channels:history, groups:history, im:history). Returns its ts when Slack has it.
 */
export async function findPostedMessage(
  client: WebClient,
  target: { channel: string; threadTs?: string; outboxId: string; since: Date; now: Date },
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
    const messages = (answer.messages ?? []) as MessageWithMetadata[];
    const found = messages.find(
      (m) =>
        m.metadata?.event_type === OUTBOX_EVENT_TYPE && String(m.metadata.event_payload?.outbox_id) === target.outboxId,
    );
    if (found?.ts) return found.ts;
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}

function toSlackTs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(6);
}
