import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../src/sandbox/smtp-sink.ts';
import { useSharedDatabase } from '../support/shared-database.ts';
import { EMAIL_TOKEN, eventually, type TestApp } from '../support/test-app.ts';
import { SUPPORT_ADDRESS, newMessageId, postmarkJson, sendGridForm } from '../fixtures/email/provider-payloads.ts';

const shared = useSharedDatabase();
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => sink?.stop());
beforeEach(() => {
  sink.received.length = 0;
});

const startInstance = () => shared.start({ env: { SMTP_URL: sink.url, EMAIL_FROM: SUPPORT_ADDRESS } });
const basic = `Basic ${Buffer.from(`x:${EMAIL_TOKEN}`).toString('base64')}`;
const viaSendGrid = (app: TestApp, spec: { from: string; subject: string; messageId: string }) =>
  fetch(`${app.baseUrl}/inbound/email`, {
    method: 'POST',
    headers: { authorization: basic },
    body: sendGridForm(spec),
  });
const viaPostmark = (app: TestApp, spec: { from: string; subject: string; messageId: string }) =>
  fetch(`${app.baseUrl}/inbound/email`, {
    method: 'POST',
    headers: { authorization: basic, 'content-type': 'application/json' },
    body: JSON.stringify(postmarkJson(spec)),
  });
const settled = async () => {
  await eventually(async () => {
    const pending = await shared.database.db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toEqual([]);
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
};

describe('two instances behind one address', () => {
  it('an instance with OUTBOX_WORKER=off queues the reply, and one with the worker on sends it', async () => {
    const queuing = await shared.start({
      env: { SMTP_URL: sink.url, EMAIL_FROM: SUPPORT_ADDRESS, OUTBOX_WORKER: 'off' },
    });
    const sender = `pro-${randomBytes(4).toString('hex')}@example.com`;
    const response = await viaSendGrid(queuing, { from: sender, subject: 'Rimborso', messageId: newMessageId() });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // several polls of a worker, had it run
    const queued = await shared.database.db.selectFrom('outbox').select(['kind', 'status', 'attempts']).execute();
    expect(queued).toEqual([{ kind: 'email_reply', status: 'pending', attempts: 0 }]);
    expect(sink.received).toEqual([]);

    await startInstance();
    await settled();
    expect(sink.received.map((m) => m.envelope.to)).toEqual([[sender]]);
  });

  it('the same email posted to both at once is recorded once and answered once', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const sender = `pro-${randomBytes(4).toString('hex')}@example.com`;
    const spec = { from: sender, subject: 'Rimborso', messageId: newMessageId() };
    const responses = await Promise.all([
      viaSendGrid(a, spec),
      viaSendGrid(b, spec),
      viaPostmark(a, spec),
      viaPostmark(b, spec),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await settled();
    expect(sink.received.map((m) => m.envelope.to)).toEqual([[sender]]);
    const rows = await shared.database.db.selectFrom('refused_requests').select('reply_status').execute();
    expect(rows).toEqual([{ reply_status: 'replied' }]);
  });

  it('different emails from one sender to both instances at once bring one reply a day', async () => {
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    const sender = `pro-${randomBytes(4).toString('hex')}@example.com`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        viaSendGrid(i % 2 ? a : b, { from: sender, subject: `Rimborso ${i}`, messageId: newMessageId() }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    await settled();
    expect(sink.received).toHaveLength(1);
    const statuses = (await shared.database.db.selectFrom('refused_requests').select('reply_status').execute()).map(
      (r) => r.reply_status,
    );
    expect(statuses.sort()).toEqual([
      'rate_limited',
      'rate_limited',
      'rate_limited',
      'rate_limited',
      'rate_limited',
      'rate_limited',
      'rate_limited',
      'replied',
    ]);
  });
});
