/**
 * Delivery: the outbox's `evidence_copy` message, which copies a claim's attached files into its review thread
 * (download with the bot token from Slack's file host only, then Slack's external upload). A file that cannot be
 * copied for good is marked failed and named once in the thread; temporary failures go back to the outbox.
 */
import type { WebClient } from '@slack/web-api';
import { listEvidence, markEvidence, type StoredEvidence } from '../db/evidence.repository.ts';
import type { Db } from '../db/database.ts';
import type { QueuedMessage } from '../db/outbox.repository.ts';
import type { Claim } from '../domain/claim.ts';
import { EVIDENCE_LIMITS } from '../domain/evidence.ts';
import { t, type Locale } from '../i18n/messages.ts';
import type { AppLogger } from '../logger.ts';
import { findSharedFile } from './find-posted-message.ts';
import type { DeliveryResult } from './outbox-worker.ts';
import { DEFAULT_RETRY_POLICY, decideRetry } from './retry-policy.ts';

export interface CopyEvidenceDeps {
  db: Db;
  client: WebClient;
  logger: AppLogger;
  reviewLocale: Locale;
  clock: () => Date;
  /** The deliverer's post with the outbox id as metadata, looked for before it is posted again. */
  postOnce: (message: QueuedMessage, args: { channel: string; thread_ts: string; text: string }) => Promise<unknown>;
}

/** A file that trying again cannot bring: gone, not Slack's, too big, refused by the upload URL. */
class EvidenceUnavailable extends Error {}

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
  if (!isSlackFileUrl(file.urlPrivateDownload, client.slackApiUrl))
    throw new EvidenceUnavailable('not a Slack file URL');
  const response = await fetch(file.urlPrivateDownload, {
    headers: { authorization: `Bearer ${client.token ?? ''}` },
    redirect: 'error',
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (!response.ok) throw httpFailure('download', response.status);
  // Slack answers a login page (HTML) when the token cannot read the file.
  if ((response.headers.get('content-type') ?? '').startsWith('text/html'))
    throw new EvidenceUnavailable('download answered a web page');
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength === 0 || bytes.byteLength > EVIDENCE_LIMITS.maxBytes)
    throw new EvidenceUnavailable(`download has ${bytes.byteLength} bytes`);
  return bytes;
}

/** A 5xx, 408 or 429 may pass; any other answer will not change by asking again. */
function httpFailure(what: string, status: number): Error {
  const message = `${what} answered ${status}`;
  return status >= 500 || status === 408 || status === 429 ? new Error(message) : new EvidenceUnavailable(message);
}

/** Whether a failed copy is given up for this file (reported in the thread) rather than tried again later. */
function isFailedForGood(error: unknown, now: Date): boolean {
  if (error instanceof EvidenceUnavailable) return true;
  // Slack's own refusals, judged as for every other message (a blocking cause waits, a transient one retries).
  return decideRetry(error, { attempts: 0, createdAt: now, now, policy: DEFAULT_RETRY_POLICY }).kind === 'give_up';
}

/**
 * Slack's external upload: an upload URL, the bytes posted to it, then the file shared in the thread.
 * The new file's id is recorded before the share, so a share whose outcome is unknown can be found.
 */
async function upload(
  deps: CopyEvidenceDeps,
  file: StoredEvidence,
  bytes: Uint8Array,
  thread: { channel: string; ts: string },
): Promise<string> {
  const slot = await deps.client.files.getUploadURLExternal({ filename: file.name, length: bytes.byteLength });
  if (!slot.upload_url || !slot.file_id) throw new Error('files.getUploadURLExternal returned no upload URL');
  const posted = await fetch(slot.upload_url, {
    method: 'POST',
    body: bytes,
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (!posted.ok) throw httpFailure('upload', posted.status);
  await markEvidence(deps.db, file.claimId, [file.position], 'pending', slot.file_id);
  await deps.client.files.completeUploadExternal({
    files: [{ id: slot.file_id, title: file.name }],
    channel_id: thread.channel,
    thread_ts: thread.ts,
  });
  return slot.file_id;
}

/** A copy an earlier attempt shared before it could record it (it died, or the answer was lost). */
async function findEarlierCopy(
  deps: CopyEvidenceDeps,
  message: QueuedMessage,
  file: StoredEvidence,
  thread: { channel: string; ts: string },
): Promise<string | undefined> {
  if (!file.copiedFileId) return undefined;
  const found = await findSharedFile(deps.client, {
    channel: thread.channel,
    threadTs: thread.ts,
    fileId: file.copiedFileId,
    since: message.firstAttemptAt,
    now: deps.clock(),
  });
  return found ? file.copiedFileId : undefined;
}

/**
 * Copies the claim's attached files into its review thread, one by one. A file that cannot be copied
 * for good never holds the claim back: it is marked failed, and the thread says which ones are
 * missing (once). A temporary failure (Slack 5xx or 429, a network error) is thrown to the outbox and
 * retried like every other message; files already copied are not copied again, and a copy whose share
 * may have happened is looked for in the thread first.
 */
export async function copyEvidence(
  deps: CopyEvidenceDeps,
  claim: Claim,
  message: QueuedMessage,
): Promise<DeliveryResult> {
  const files = await listEvidence(deps.db, claim.id);
  if (files.length === 0) return { outcome: 'skipped' };
  // The review post travels first in this lane; without it there is no thread yet: try again later.
  if (!claim.reviewChannelId || !claim.reviewMessageTs) throw new Error('the review post has no thread yet');
  const thread = { channel: claim.reviewChannelId, ts: claim.reviewMessageTs };

  for (const file of files.filter((f) => f.state === 'pending')) {
    try {
      const copiedId =
        (await findEarlierCopy(deps, message, file, thread)) ??
        (await upload(deps, file, await download(deps.client, file), thread));
      await markEvidence(deps.db, claim.id, [file.position], 'copied', copiedId);
    } catch (error) {
      if (!isFailedForGood(error, deps.clock())) throw error;
      deps.logger.warn('evidence not copied', {
        claim: claim.reference,
        file: file.fileId,
        error: error instanceof Error ? error.message : String(error),
      });
      await markEvidence(deps.db, claim.id, [file.position], 'failed');
    }
  }

  const failed = (await listEvidence(deps.db, claim.id)).filter((file) => file.state === 'failed');
  if (failed.length === 0) return { outcome: 'delivered' };
  const names = failed.map((file) => `“${file.name.replace(/[<>&]/g, '')}”`).join(', ');
  await deps.postOnce(message, {
    channel: thread.channel,
    thread_ts: thread.ts,
    text: t(deps.reviewLocale, 'evidence.missing', { names }),
  });
  return {
    outcome: 'delivered',
    record: (trx) =>
      markEvidence(
        trx,
        claim.id,
        failed.map((file) => file.position),
        'reported',
      ),
  };
}
