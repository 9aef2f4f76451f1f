import type { WebClient } from '@slack/web-api';
import { listEvidence, markEvidence, type StoredEvidence } from '../db/evidence.repository.ts';
import type { Db } from '../db/database.ts';
import type { Claim } from '../domain/claim.ts';
import { EVIDENCE_LIMITS } from '../domain/evidence.ts';
import { t, type Locale } from '../i18n/messages.ts';
import type { AppLogger } from '../logger.ts';

export interface CopyEvidenceDeps {
  db: Db;
  client: WebClient;
  logger: AppLogger;
  reviewLocale: Locale;
}

const DOWNLOAD_TIMEOUT_MS = 20_000;

/**
 * The bot token goes only to Slack's own file host (or the local stand-in the Web API points at): a
 * download URL is user input, even inside a signed payload.
 */
export function isSlackFileUrl(url: string, slackApiUrl: string): boolean {
  try {
    const target = new URL(url);
    if (target.protocol === 'https:' && target.hostname === 'files.slack.com') return true;
    return target.origin === new URL(slackApiUrl).origin;
  } catch {
    return false;
  }
}

async function download(client: WebClient, file: StoredEvidence): Promise<Uint8Array> {
  if (!isSlackFileUrl(file.urlPrivateDownload, client.slackApiUrl)) throw new Error('not a Slack file URL');
  const response = await fetch(file.urlPrivateDownload, {
    headers: { authorization: `Bearer ${client.token ?? ''}` },
    redirect: 'error',
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`download answered ${response.status}`);
  // Slack answers a login page (HTML) when the token cannot read the file.
  if ((response.headers.get('content-type') ?? '').startsWith('text/html'))
    throw new Error('download answered a web page');
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0 || bytes.byteLength > EVIDENCE_LIMITS.maxBytes)
    throw new Error(`download has ${bytes.byteLength} bytes`);
  return bytes;
}

/** Slack's external upload: an upload URL, the bytes posted to it, then the file shared in the thread. */
async function upload(
  client: WebClient,
  file: StoredEvidence,
  bytes: Uint8Array,
  thread: { channel: string; ts: string },
): Promise<string> {
  const slot = await client.files.getUploadURLExternal({ filename: file.name, length: bytes.byteLength });
  if (!slot.upload_url || !slot.file_id) throw new Error('files.getUploadURLExternal returned no upload URL');
  const posted = await fetch(slot.upload_url, {
    method: 'POST',
    body: bytes,
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (!posted.ok) throw new Error(`upload answered ${posted.status}`);
  await client.files.completeUploadExternal({
    files: [{ id: slot.file_id, title: file.name }],
    channel_id: thread.channel,
    thread_ts: thread.ts,
  });
  return slot.file_id;
}

/**
 * Copies the claim's attached files into its review thread, one by one. A file that cannot be copied
 * never holds the claim back: it is marked failed, and the thread says which ones are missing (once).
 * Files already copied are not copied again when the message is delivered a second time.
 */
export async function copyEvidence(deps: CopyEvidenceDeps, claim: Claim): Promise<'delivered' | 'skipped'> {
  const files = await listEvidence(deps.db, claim.id);
  if (files.length === 0) return 'skipped';
  // The review post travels first in this lane; without it there is no thread yet: try again later.
  if (!claim.reviewChannelId || !claim.reviewMessageTs) throw new Error('the review post has no thread yet');
  const thread = { channel: claim.reviewChannelId, ts: claim.reviewMessageTs };

  for (const file of files.filter((f) => f.state === 'pending')) {
    try {
      const copiedId = await upload(deps.client, file, await download(deps.client, file), thread);
      await markEvidence(deps.db, claim.id, [file.position], 'copied', copiedId);
    } catch (error) {
      deps.logger.warn('evidence not copied', {
        claim: claim.reference,
        file: file.fileId,
        error: error instanceof Error ? error.message : String(error),
      });
      await markEvidence(deps.db, claim.id, [file.position], 'failed');
    }
  }

  const failed = (await listEvidence(deps.db, claim.id)).filter((file) => file.state === 'failed');
  if (failed.length > 0) {
    const names = failed.map((file) => `“${file.name.replace(/[<>&]/g, '')}”`).join(', ');
    await deps.client.chat.postMessage({
      channel: thread.channel,
      thread_ts: thread.ts,
      text: t(deps.reviewLocale, 'evidence.missing', { names }),
    });
    await markEvidence(
      deps.db,
      claim.id,
      failed.map((file) => file.position),
      'reported',
    );
  }
  return 'delivered';
}
