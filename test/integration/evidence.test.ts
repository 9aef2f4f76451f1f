import { describe, expect, it } from 'vitest';
import { buildRefundStateValues, buildSlashCommand, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { EVIDENCE_ACTION_ID, EVIDENCE_BLOCK_ID } from '../../src/slack/views/evidence-input.ts';
import { onlyClaim } from '../support/db-helpers.ts';
import { leaseAsDeadInstance, outliveDeadLease } from '../support/dead-instance.ts';
import { useSharedDatabase } from '../support/shared-database.ts';
import { REVIEW_CHANNEL, eventually, type TestApp } from '../support/test-app.ts';

const NOW = new Date('2026-11-20T10:00:00Z');
const shared = useSharedDatabase();

interface FileSpec {
  id: string;
  name: string;
  mimetype?: string;
  size?: number;
  url: string;
}
function withEvidence(values: Record<string, unknown>, files: FileSpec[]) {
  return {
    ...values,
    [EVIDENCE_BLOCK_ID]: {
      [EVIDENCE_ACTION_ID]: {
        type: 'file_input',
        files: files.map((f) => ({
          id: f.id,
          name: f.name,
          title: f.name,
          mimetype: f.mimetype ?? 'image/png',
          filetype: 'png',
          size: f.size ?? 1000,
          url_private_download: f.url,
        })),
      },
    },
  };
}
async function submitWith(app: TestApp, files: FileSpec[], values: Record<string, unknown> = buildRefundStateValues()) {
  const res = await app.send.interaction(buildViewSubmission({ values: withEvidence(values, files) }));
  return (await res.json()) as { response_action: string; errors?: Record<string, string> };
}
const threadPosts = (app: TestApp, ts: string) =>
  app.slack.calls('chat.postMessage').filter((c) => c.args.channel === REVIEW_CHANNEL && c.args.thread_ts === ts);

describe('evidence attached in the modal', () => {
  it('the modal offers an optional file input for images and PDFs, at most 5 files', async () => {
    const app = await shared.start({ now: NOW });
    await app.send.slashCommand(buildSlashCommand());
    const view = await eventually(() => {
      const opened = app.slack.calls('views.open')[0];
      expect(opened).toBeDefined();
      return opened?.args.view as {
        blocks: Array<{ block_id?: string; optional?: boolean; element?: Record<string, unknown> }>;
      };
    });
    const input = view.blocks.find((b) => b.block_id === EVIDENCE_BLOCK_ID);
    expect(input).toMatchObject({ optional: true, element: { type: 'file_input', max_files: 5 } });
    expect(input?.element?.filetypes).toEqual(expect.arrayContaining(['png', 'jpg', 'pdf']));
  });

  it('a claim with two attached files has both copied into its review thread', async () => {
    const app = await shared.start({ now: NOW });
    const first = app.slack.addPrivateFile('no-grazie.png', 'png-bytes-of-the-first-screenshot', {
      contentType: 'image/png',
    });
    const second = app.slack.addPrivateFile('richiesta doppia.pdf', 'pdf-bytes-of-the-second-file', {
      contentType: 'application/pdf',
    });
    const ack = await submitWith(app, [
      { id: 'F1', name: 'no-grazie.png', url: first },
      { id: 'F2', name: 'richiesta doppia.pdf', mimetype: 'application/pdf', url: second },
    ]);
    expect(ack.response_action).toBe('update');

    const claim = await eventually(async () => {
      const stored = await onlyClaim(shared.database.db);
      expect(stored.review_message_ts).not.toBeNull();
      return stored;
    });
    const completed = await eventually(() => {
      const calls = app.slack.calls('files.completeUploadExternal');
      expect(calls).toHaveLength(2);
      return calls;
    });
    for (const call of completed)
      expect(call.args).toMatchObject({ channel_id: REVIEW_CHANNEL, thread_ts: claim.review_message_ts });
    expect(completed.map((c) => (c.args.files as Array<{ title: string }>)[0]?.title)).toEqual([
      'no-grazie.png',
      'richiesta doppia.pdf',
    ]);
    expect([...app.slack.uploads.values()].sort()).toEqual([
      'pdf-bytes-of-the-second-file',
      'png-bytes-of-the-first-screenshot',
    ]);
    // Downloaded with the bot token.
    expect(app.slack.calls('files.download').every((c) => c.args.authorization === 'Bearer xoxb-test-token')).toBe(
      true,
    );
    await eventually(async () =>
      expect(
        await shared.database.db.selectFrom('claim_evidence').select(['state']).orderBy('position').execute(),
      ).toEqual([{ state: 'copied' }, { state: 'copied' }]),
    );
    expect(threadPosts(app, claim.review_message_ts ?? '')).toEqual([]);
  });

  it('a file that cannot be copied is reported in the thread and never blocks the claim', async () => {
    const app = await shared.start({ now: NOW });
    const good = app.slack.addPrivateFile('ok.png', 'good-bytes', { contentType: 'image/png' });
    const broken = app.slack.addPrivateFile('sparito.png', 'gone', { status: 404 });
    const ack = await submitWith(app, [
      { id: 'F1', name: 'sparito.png', url: broken },
      { id: 'F2', name: 'ok.png', url: good },
      // Never sent the bot token: not a Slack file URL.
      { id: 'F3', name: 'altrove.png', url: 'https://evil.example/steal.png' },
    ]);
    expect(ack.response_action).toBe('update');
    const claim = await eventually(async () => {
      const stored = await onlyClaim(shared.database.db);
      expect(stored.review_message_ts).not.toBeNull();
      return stored;
    });
    const notice = await eventually(() => {
      const [post] = threadPosts(app, claim.review_message_ts ?? '');
      expect(post).toBeDefined();
      return post;
    });
    expect(String(notice?.args.text)).toContain('“sparito.png”, “altrove.png”');
    expect(app.slack.calls('files.completeUploadExternal')).toHaveLength(1);
    expect(app.slack.calls('files.download').map((c) => c.args.path)).not.toContain('/steal.png');
    expect(claim.status).toBe('pending_review');
    // The DM and the Home went out as usual; the evidence message is finished, not retried.
    await eventually(async () => {
      const rows = await shared.database.db
        .selectFrom('outbox')
        .select(['kind', 'status'])
        .where('kind', '=', 'evidence_copy')
        .execute();
      expect(rows).toEqual([{ kind: 'evidence_copy', status: 'delivered' }]);
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(threadPosts(app, claim.review_message_ts ?? '')).toHaveLength(1);
  });

  it('more than 5 files, a file over 10 MB or one neither image nor PDF is a field error, and nothing is stored', async () => {
    const app = await shared.start({ now: NOW });
    const url = app.slack.addPrivateFile('a.png', 'x');
    const six = Array.from({ length: 6 }, (_, i) => ({ id: `F${i}`, name: `f${i}.png`, url }));
    expect((await submitWith(app, six)).errors).toEqual({ [EVIDENCE_BLOCK_ID]: 'Allega al massimo 5 file.' });
    expect((await submitWith(app, [{ id: 'F1', name: 'grande.png', size: 11 * 1024 * 1024, url }])).errors).toEqual({
      [EVIDENCE_BLOCK_ID]: 'Il file grande.png supera i 10 MB.',
    });
    expect(
      (await submitWith(app, [{ id: 'F1', name: 'x.exe', mimetype: 'application/x-msdownload', url }])).errors,
    ).toEqual({
      [EVIDENCE_BLOCK_ID]: 'Il file x.exe non è un’immagine né un PDF.',
    });
    expect(await shared.database.db.selectFrom('claims').selectAll().execute()).toEqual([]);
  });

  it('a temporary Slack failure while copying is retried like any message: the file is copied, nothing reported missing', async () => {
    const app = await shared.start({
      now: NOW,
      worker: { retry: { backoffBaseMs: 50, backoffMaxMs: 100, giveUpAfterMs: 3_600_000 } },
    });
    const url = app.slack.addPrivateFile('no-grazie.png', 'png-bytes', { contentType: 'image/png' });
    app.slack.respondInTurn('files.getUploadURLExternal', [
      { status: 503, body: { ok: false, error: 'service_unavailable' } },
    ]);
    expect((await submitWith(app, [{ id: 'F1', name: 'no-grazie.png', url }])).response_action).toBe('update');
    await eventually(async () => {
      app.clock.now = new Date(app.clock.now.getTime() + 1_000); // past the backoff
      app.application.worker.wake();
      expect(await evidenceStates()).toEqual([{ state: 'copied' }]);
    });
    expect(app.slack.calls('files.getUploadURLExternal')).toHaveLength(2);
    expect(app.slack.calls('files.completeUploadExternal')).toHaveLength(1);
    const claim = await onlyClaim(shared.database.db);
    expect(threadPosts(app, claim.review_message_ts ?? '')).toEqual([]);
  });

  it('a copy shared by an instance that died before recording it is found in the thread by its file id, not shared again', async () => {
    const app = await shared.start({ now: NOW });
    const url = app.slack.addPrivateFile('no-grazie.png', 'png-bytes', { contentType: 'image/png' });
    await app.application.worker.stop();
    expect((await submitWith(app, [{ id: 'F1', name: 'no-grazie.png', url }])).response_action).toBe('update');
    await app.application.worker.runOnce(); // the review post, the head of the lane the copy follows
    const claim = await onlyClaim(shared.database.db);
    expect(claim.review_message_ts).not.toBeNull();

    // The dead instance uploaded the bytes, recorded the new file's id, completed the share, and died.
    const copy = await leaseAsDeadInstance(shared.database.db, app.clock.now, 'evidence_copy');
    expect(copy.claimId).toBe(claim.id);
    app.slack.receiveUpload('F0UPDEAD01', 'png-bytes');
    await shared.database.db
      .updateTable('claim_evidence')
      .set({ copied_file_id: 'F0UPDEAD01' })
      .where('claim_id', '=', claim.id)
      .execute();
    app.slack.accept('files.completeUploadExternal', {
      files: [{ id: 'F0UPDEAD01', title: 'no-grazie.png' }],
      channel_id: REVIEW_CHANNEL,
      thread_ts: claim.review_message_ts,
    });

    outliveDeadLease(app);
    await eventually(async () => expect(await evidenceStates()).toEqual([{ state: 'copied' }]));
    expect(await shared.database.db.selectFrom('claim_evidence').select('copied_file_id').executeTakeFirst()).toEqual({
      copied_file_id: 'F0UPDEAD01',
    });
    expect(app.slack.calls('conversations.replies').some((c) => c.args.ts === claim.review_message_ts)).toBe(true);
    expect(app.slack.calls('files.completeUploadExternal')).toEqual([]);
    expect(app.slack.calls('files.download')).toEqual([]);
  });
});

const evidenceStates = () =>
  shared.database.db.selectFrom('claim_evidence').select(['state']).orderBy('position').execute();
