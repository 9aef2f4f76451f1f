import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetDatabase } from '../support/db-helpers.ts';
import { EMAIL_TOKEN, eventually, startTestApp, type TestApp } from '../support/test-app.ts';
import { startSmtpSink, type SmtpSink } from '../../src/sandbox/smtp-sink.ts';
import { createEmailReplyHandler, createSmtpTransport } from '../../src/delivery/email-reply.ts';
import { createLogger } from '../../src/logger.ts';
import { leaseAsDeadInstance, outliveDeadLease } from '../support/dead-instance.ts';
import {
  SUPPORT_ADDRESS,
  genericJson,
  mailgunFields,
  newMessageId,
  postmarkJson,
  sendGridForm,
  type EmailSpec,
} from '../fixtures/email/provider-payloads.ts';

const MAILGUN_KEY = 'key-mailgun-signing-0123456789abcdef';
const EMAIL_FROM = `Supporto Rimborsi <${SUPPORT_ADDRESS}>`;

type Provider = 'sendgrid' | 'mailgun' | 'postmark' | 'generic';
type Credential = 'bearer' | 'basic' | 'signature' | 'wrong-bearer' | 'wrong-basic' | 'none';

let app: TestApp;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
  app = await startTestApp({
    env: { SMTP_URL: sink.url, EMAIL_FROM, MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY },
    worker: { retry: { backoffBaseMs: 50, backoffMaxMs: 200, giveUpAfterMs: 3_600_000 } },
  });
});
afterAll(async () => {
  await app?.stop();
  await sink?.stop();
});
beforeEach(async () => {
  await resetDatabase(app.database.db);
  sink.received.length = 0;
  sink.plan.length = 0;
  app.clock.now = new Date('2026-11-20T10:00:00Z');
});

const newSender = () => `pro-${randomBytes(4).toString('hex')}@example.com`;
const nowSeconds = () => Math.floor(app.clock.now.getTime() / 1000);
const basic = (password: string) => `Basic ${Buffer.from(`mailgun:${password}`).toString('base64')}`;

function authHeader(credential: Credential): Record<string, string> {
  if (credential === 'bearer') return { authorization: `Bearer ${EMAIL_TOKEN}` };
  if (credential === 'basic') return { authorization: basic(EMAIL_TOKEN) };
  if (credential === 'wrong-bearer') return { authorization: 'Bearer not-the-inbound-token-at-all' };
  if (credential === 'wrong-basic') return { authorization: basic('not-the-inbound-token-at-all') };
  return {};
}

/** Posts the email as the provider would; `signature` signs Mailgun's fields with `signing`. */
function postEmail(
  provider: Provider,
  credential: Credential,
  spec: EmailSpec,
  signing?: { key?: string; timestamp?: number; token?: string },
) {
  const url = `${app.baseUrl}/inbound/email`;
  const headers = authHeader(credential);
  if (provider === 'sendgrid') return fetch(url, { method: 'POST', headers, body: sendGridForm(spec) });
  if (provider === 'mailgun') {
    const sign =
      credential === 'signature'
        ? { key: signing?.key ?? MAILGUN_KEY, timestamp: signing?.timestamp ?? nowSeconds(), token: signing?.token }
        : undefined;
    return fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(mailgunFields(spec, sign)).toString(),
    });
  }
  const json = provider === 'postmark' ? postmarkJson(spec) : genericJson(spec);
  return fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(json),
  });
}

const attempts = () =>
  app.database.db
    .selectFrom('refused_requests')
    .select(['channel', 'sender', 'provider', 'message_id', 'reply_status', 'reply_detail'])
    .where('channel', '=', 'email')
    .orderBy('id')
    .execute();
const emailOutbox = () =>
  app.database.db
    .selectFrom('outbox')
    .select(['status', 'attempts', 'last_error', 'payload'])
    .where('kind', '=', 'email_reply')
    .execute();
const mailTo = (address: string) => sink.received.filter((mail) => mail.envelope.to.includes(address));
/** Waits until no email reply is pending in the outbox, then a little more for anything in flight. */
async function outboxSettled() {
  await eventually(async () => expect((await emailOutbox()).filter((row) => row.status === 'pending')).toEqual([]));
  await new Promise((resolve) => setTimeout(resolve, 150));
}

describe('each provider, each credential: the sender gets one reply in the thread of their email', () => {
  it.each<[Provider, Credential]>([
    ['sendgrid', 'basic'],
    ['sendgrid', 'bearer'],
    ['mailgun', 'signature'],
    ['mailgun', 'basic'],
    ['postmark', 'basic'],
    ['postmark', 'bearer'],
    ['generic', 'bearer'],
    ['generic', 'basic'],
  ])('%s with %s auth', async (provider, credential) => {
    const sender = newSender();
    const messageId = newMessageId();
    const earlier = '<first@mail.example.net>';
    const res = await postEmail(provider, credential, {
      from: sender,
      fromName: 'Mario Bianchi',
      subject: 'Re: Rimborso cliente Neri',
      messageId,
      headers: { References: earlier, 'In-Reply-To': earlier },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      accepted: boolean;
      reply_status: string;
      reply: { it: { text: string }; en: { text: string } };
    };
    expect(body).toMatchObject({ accepted: false, reply_status: 'queued' });
    expect(body.reply.it.text).toContain('solo tramite il modulo');

    const [mail] = await eventually(() => {
      const received = mailTo(sender);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail?.envelope.to).toEqual([sender]);
    expect(mail?.parsed.to && 'value' in mail.parsed.to ? mail.parsed.to.value.map((a) => a.address) : []).toEqual([
      sender,
    ]);
    expect(mail?.parsed.from?.value[0]?.address).toBe(SUPPORT_ADDRESS);
    expect(mail?.parsed.subject).toBe('Re: Rimborso cliente Neri');
    expect(mail?.header('in-reply-to')).toBe(messageId);
    expect(mail?.header('references')?.split(/\s+/)).toEqual([earlier, messageId]);
    expect(mail?.header('auto-submitted')).toBe('auto-replied');
    const text = mail?.parsed.text ?? '';
    expect(text).toContain('solo tramite il modulo');
    expect(text).toContain('only through the form');
    expect(text).toContain('/rimborso');
    expect(text).toContain('Home');
    expect(text).toContain('Ho inviato la risposta per errore');
    expect(text).toContain('the credits used');

    await eventually(async () =>
      expect(await attempts()).toEqual([
        { channel: 'email', sender, provider, message_id: messageId, reply_status: 'replied', reply_detail: null },
      ]),
    );
    // Neither the attempt nor the sent message keeps anything of the email's content.
    const stored = JSON.stringify([await attempts(), await emailOutbox()]);
    expect(stored).not.toContain('Neri');
    expect(stored).not.toContain('3331234567');
  });

  it('Postmark’s own MessageID is not taken for the email’s Message-ID', async () => {
    const sender = newSender();
    const messageId = newMessageId();
    await postEmail('postmark', 'basic', { from: sender, subject: 'Rimborso', messageId });
    await eventually(() => expect(mailTo(sender)).toHaveLength(1));
    expect(mailTo(sender)[0]?.header('in-reply-to')).toBe(messageId);
    expect((await attempts())[0]?.message_id).toBe(messageId);
  });
});

describe('never a mail loop (RFC 3834)', () => {
  it.each<[string, Partial<EmailSpec>, string]>([
    ['Auto-Submitted: auto-replied', { headers: { 'Auto-Submitted': 'auto-replied' } }, 'auto_submitted'],
    ['Auto-Submitted: auto-generated', { headers: { 'Auto-Submitted': 'auto-generated' } }, 'auto_submitted'],
    ['Precedence: bulk', { headers: { Precedence: 'bulk' } }, 'bulk_precedence'],
    ['Precedence: list', { headers: { Precedence: 'list' } }, 'bulk_precedence'],
    ['Precedence: junk', { headers: { Precedence: 'junk' } }, 'bulk_precedence'],
    ['a List-Id', { headers: { 'List-Id': 'Professionisti <pro.lists.example.com>' } }, 'mailing_list'],
    ['an empty return path (a bounce)', { envelopeFrom: '' }, 'empty_return_path'],
    ['MAILER-DAEMON', { from: 'MAILER-DAEMON@mx.example.com' }, 'system_sender'],
    ['postmaster', { from: 'postmaster@example.com' }, 'system_sender'],
    ['no-reply', { from: 'no-reply@example.com' }, 'system_sender'],
    ['noreply', { from: 'noreply@example.com' }, 'system_sender'],
    ['our own EMAIL_FROM', { from: SUPPORT_ADDRESS }, 'own_address'],
  ])('an email with %s is recorded and never answered', async (_case, overrides, reason) => {
    for (const provider of ['sendgrid', 'postmark', 'mailgun'] as const) {
      const spec = { from: newSender(), subject: 'Risposta automatica', messageId: newMessageId(), ...overrides };
      if (spec.envelopeFrom === '' && provider === 'postmark') spec.headers = { ...spec.headers, 'Return-Path': '<>' };
      const res = await postEmail(provider, provider === 'mailgun' ? 'signature' : 'basic', spec);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { reply_status: string }).reply_status).toBe(reason);
    }
    await outboxSettled();
    expect(sink.received).toEqual([]);
    expect(await emailOutbox()).toEqual([]);
    expect((await attempts()).map((a) => a.reply_status)).toEqual([reason, reason, reason]);
  });

  it('Auto-Submitted: no is a person writing, and is answered', async () => {
    const sender = newSender();
    await postEmail('sendgrid', 'basic', {
      from: sender,
      subject: 'Rimborso',
      messageId: newMessageId(),
      headers: { 'Auto-Submitted': 'no' },
    });
    await eventually(() => expect(mailTo(sender)).toHaveLength(1));
  });
});

describe('never a spam cannon', () => {
  it('a sender is answered once in 24 hours, whatever they send and through whichever provider', async () => {
    const sender = newSender();
    for (const provider of ['sendgrid', 'postmark', 'generic'] as const) {
      const res = await postEmail(provider, 'bearer', {
        from: sender,
        subject: `Rimborso ${provider}`,
        messageId: newMessageId(),
      });
      expect(res.status).toBe(200);
    }
    await outboxSettled();
    expect(mailTo(sender)).toHaveLength(1);
    expect((await attempts()).map((a) => a.reply_status)).toEqual(['replied', 'rate_limited', 'rate_limited']);

    app.clock.now = new Date(app.clock.now.getTime() + 23 * 3_600_000);
    await postEmail('sendgrid', 'basic', { from: sender.toUpperCase(), subject: 'Ancora', messageId: newMessageId() });
    app.clock.now = new Date(app.clock.now.getTime() + 1 * 3_600_000);
    await postEmail('sendgrid', 'basic', { from: sender, subject: 'Ancora', messageId: newMessageId() });
    await outboxSettled();
    expect(mailTo(sender)).toHaveLength(2);
    expect((await attempts()).map((a) => a.reply_status)).toEqual([
      'replied',
      'rate_limited',
      'rate_limited',
      'rate_limited',
      'replied',
    ]);
  });

  it('two different emails from one sender posted at once bring one reply', async () => {
    const sender = newSender();
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        postEmail(i % 2 ? 'postmark' : 'sendgrid', 'basic', {
          from: sender,
          subject: 'Rimborso',
          messageId: newMessageId(),
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    await outboxSettled();
    expect(mailTo(sender)).toHaveLength(1);
    expect((await attempts()).filter((a) => a.reply_status === 'replied')).toHaveLength(1);
  });
});

describe('exactly once', () => {
  it('the same email posted again (same Message-ID) is answered 2xx and changes nothing, also at once', async () => {
    const sender = newSender();
    const spec = { from: sender, subject: 'Rimborso', messageId: newMessageId() };
    const first = await postEmail('sendgrid', 'basic', spec);
    expect(first.status).toBe(200);
    await eventually(() => expect(mailTo(sender)).toHaveLength(1));
    const again = await Promise.all([
      postEmail('sendgrid', 'basic', spec),
      postEmail('sendgrid', 'basic', spec),
      postEmail('postmark', 'basic', spec),
    ]);
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);
    for (const res of again) expect(await res.json()).toMatchObject({ duplicate: true });
    await outboxSettled();
    expect(mailTo(sender)).toHaveLength(1);
    expect(await attempts()).toHaveLength(1);
    expect(await emailOutbox()).toHaveLength(1);
  });

  it('a first post racing its own redelivery is recorded and answered once', async () => {
    const sender = newSender();
    const spec = { from: sender, subject: 'Rimborso', messageId: newMessageId() };
    const responses = await Promise.all(Array.from({ length: 4 }, () => postEmail('mailgun', 'basic', spec)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await outboxSettled();
    expect(mailTo(sender)).toHaveLength(1);
    expect(await attempts()).toHaveLength(1);
  });
});

describe('SMTP failures', () => {
  it('451 then 250: retried, one reply', async () => {
    sink.plan.push(451);
    const sender = newSender();
    await postEmail('postmark', 'bearer', { from: sender, subject: 'Rimborso', messageId: newMessageId() });
    await eventually(async () =>
      expect(await emailOutbox()).toEqual([
        expect.objectContaining({ status: 'pending', attempts: 1, last_error: 'smtp_451' }),
      ]),
    );
    expect((await attempts())[0]).toMatchObject({ reply_status: 'retrying', reply_detail: 'smtp_451' });
    expect(sink.received).toEqual([]);
    app.clock.now = new Date(app.clock.now.getTime() + 60_000); // past the backoff
    await eventually(() => expect(mailTo(sender)).toHaveLength(1));
    await outboxSettled();
    expect(mailTo(sender)).toHaveLength(1);
    const [row] = await emailOutbox();
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    expect((await attempts())[0]).toMatchObject({ reply_status: 'replied' });
  });

  it('451 until too old to retry: given up, recorded as failed, and the address forgotten', async () => {
    sink.plan.push(451, 451);
    const sender = newSender();
    await postEmail('postmark', 'bearer', { from: sender, subject: 'Rimborso', messageId: newMessageId() });
    await eventually(async () =>
      expect(await emailOutbox()).toEqual([expect.objectContaining({ status: 'pending', attempts: 1 })]),
    );
    app.clock.now = new Date(app.clock.now.getTime() + 2 * 3_600_000); // past DELIVERY_GIVE_UP_HOURS
    await eventually(async () =>
      expect(await emailOutbox()).toEqual([expect.objectContaining({ status: 'failed', attempts: 2 })]),
    );
    expect(sink.received).toEqual([]);
    await eventually(async () =>
      expect((await attempts())[0]).toMatchObject({
        reply_status: 'reply_failed',
        reply_detail: expect.stringContaining('smtp_451'),
      }),
    );
    const [row] = await emailOutbox();
    expect(JSON.stringify(row?.payload)).not.toContain(sender);
  });

  it('550: given up at once, and recorded', async () => {
    sink.plan.push(550);
    const sender = newSender();
    await postEmail('sendgrid', 'bearer', { from: sender, subject: 'Rimborso', messageId: newMessageId() });
    await eventually(async () =>
      expect(await emailOutbox()).toEqual([
        expect.objectContaining({ status: 'failed', attempts: 1, last_error: 'smtp_550' }),
      ]),
    );
    expect(sink.received).toEqual([]);
    expect((await attempts())[0]).toMatchObject({ reply_status: 'reply_failed', reply_detail: 'smtp_550' });
    expect(app.logs.join('\n')).not.toContain(sender);
  });
});

describe('an instance that dies after the SMTP server accepted the reply', () => {
  // SMTP has no history to search: this window stays open. The resend carries the same Message-ID
  // (derived from the outbox row), so the sender's mail client threads it as the same message.
  it('the reply is sent again when the lease expires, with the same Message-ID and thread headers', async () => {
    await app.application.worker.stop();
    const sender = newSender();
    const original = newMessageId();
    await postEmail('postmark', 'bearer', { from: sender, subject: 'Rimborso', messageId: original });
    const reply = await leaseAsDeadInstance(app.database.db, app.clock.now, 'email_reply');
    const transport = createSmtpTransport(sink.url);
    const deadInstance = createEmailReplyHandler({
      db: app.database.db,
      logger: createLogger('error', () => {}),
      mail: { transport, from: EMAIL_FROM },
    });
    expect((await deadInstance(reply)).outcome).toBe('delivered'); // sent; its bookkeeping never ran
    transport.close();
    expect(mailTo(sender)).toHaveLength(1);

    outliveDeadLease(app);
    await eventually(() => expect(mailTo(sender)).toHaveLength(2));
    await outboxSettled();
    const [first, second] = mailTo(sender);
    expect(second?.header('message-id')).toBe(first?.header('message-id'));
    expect(second?.header('in-reply-to')).toBe(original);
    expect(first?.header('in-reply-to')).toBe(original);
    expect(await emailOutbox()).toEqual([expect.objectContaining({ status: 'delivered' })]);
    expect((await attempts())[0]).toMatchObject({ reply_status: 'replied' });
  });
});

/** Sends `target` a generic email from `sender`, with the inbound token. */
const sendGenericEmail = (target: TestApp, sender: string) =>
  fetch(`${target.baseUrl}/inbound/email`, {
    method: 'POST',
    headers: { authorization: `Bearer ${EMAIL_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(genericJson({ from: sender, subject: 'Rimborso', messageId: newMessageId() })),
  });
/** The email replies in `target`'s outbox, with their attempts. */
const replyAttempts = (target: TestApp) =>
  target.database.db
    .selectFrom('outbox')
    .select(['status', 'attempts', 'last_error'])
    .where('kind', '=', 'email_reply')
    .execute();
/** With the SMTP server `back`: past the backoff, the reply leaves once, on its second attempt. */
async function expectDeliveredOnRetry(target: TestApp, back: SmtpSink, sender: string) {
  target.clock.now = new Date(target.clock.now.getTime() + 60_000);
  await eventually(() => expect(back.received.map((m) => m.envelope.to)).toEqual([[sender]]));
  await eventually(async () =>
    expect(await replyAttempts(target)).toEqual([{ status: 'delivered', attempts: 2, last_error: null }]),
  );
}

describe('SMTP server down', () => {
  it('a refused connection is retried, and the reply leaves once the server is back', async () => {
    const down = await startSmtpSink();
    await down.stop();
    const other = await startTestApp({
      env: { SMTP_URL: down.url, EMAIL_FROM },
      worker: { retry: { backoffBaseMs: 50, backoffMaxMs: 200, giveUpAfterMs: 3_600_000 } },
    });
    let back: SmtpSink | undefined;
    try {
      const sender = newSender();
      const res = await sendGenericEmail(other, sender);
      expect(res.status).toBe(200);
      await eventually(async () =>
        expect(await replyAttempts(other)).toEqual([
          { status: 'pending', attempts: 1, last_error: expect.stringMatching(/^smtp_e(connection|socket)$/) },
        ]),
      );
      back = await startSmtpSink({ port: down.port });
      await expectDeliveredOnRetry(other, back, sender);
    } finally {
      await other.stop();
      await back?.stop();
    }
  });
});

describe('an SMTP server that hangs', () => {
  it('an attempt that hears nothing times out and is retried; the reply leaves once, when the server answers', async () => {
    // Accepts the connection and never says a word (no greeting): a hung server.
    const sockets = new Set<Socket>();
    const hung = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const port = (hung.address() as AddressInfo).port;
    const other = await startTestApp({
      env: { SMTP_URL: `smtp://sink:sink-password@127.0.0.1:${port}`, EMAIL_FROM },
      worker: { retry: { backoffBaseMs: 50, backoffMaxMs: 200, giveUpAfterMs: 3_600_000 } },
      smtpTimeoutMs: 300,
    });
    let back: SmtpSink | undefined;
    try {
      const sender = newSender();
      await sendGenericEmail(other, sender);
      await eventually(async () =>
        expect(await replyAttempts(other)).toEqual([
          { status: 'pending', attempts: 1, last_error: expect.stringMatching(/^smtp_e(timedout|socket|connection)$/) },
        ]),
      );
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
      back = await startSmtpSink({ port });
      await expectDeliveredOnRetry(other, back, sender);
    } finally {
      await other.stop();
      await back?.stop();
      hung.close();
    }
  });
});

describe('credentials', () => {
  it.each<[Provider, Credential, { key?: string; timestamp?: number } | undefined]>([
    ['sendgrid', 'none', undefined],
    ['sendgrid', 'wrong-basic', undefined],
    ['postmark', 'wrong-basic', undefined],
    ['postmark', 'wrong-bearer', undefined],
    ['generic', 'none', undefined],
    ['mailgun', 'none', undefined],
    ['mailgun', 'wrong-basic', undefined],
    ['mailgun', 'signature', { key: 'key-someone-else-0123456789abcdef' }],
    ['mailgun', 'signature', { timestamp: Math.floor(new Date('2026-11-20T09:54:00Z').getTime() / 1000) }],
  ])('%s with %s (%j): 401, nothing recorded', async (provider, credential, signing) => {
    const res = await postEmail(
      provider,
      credential,
      { from: newSender(), subject: 'Rimborso', messageId: newMessageId() },
      signing,
    );
    expect(res.status).toBe(401);
    expect(await attempts()).toEqual([]);
    expect(await emailOutbox()).toEqual([]);
  });

  it('a Mailgun token is accepted once: a replayed signed POST is refused', async () => {
    const token = randomBytes(25).toString('hex');
    const first = await postEmail(
      'mailgun',
      'signature',
      { from: newSender(), subject: 'Rimborso', messageId: newMessageId() },
      { token },
    );
    expect(first.status).toBe(200);
    const replay = await postEmail(
      'mailgun',
      'signature',
      { from: newSender(), subject: 'Rimborso', messageId: newMessageId() },
      { token },
    );
    expect(replay.status).toBe(401);
    expect(await attempts()).toHaveLength(1);
  });
});

describe('bad input', () => {
  it.each([
    ['not JSON', 'application/json', '{not json'],
    ['a JSON array', 'application/json', '[1,2]'],
    [
      'a broken multipart body',
      'multipart/form-data; boundary=xyz',
      '--xyz\r\nContent-Disposition: form-data; name="from"\r\n\r\nmario@example.com',
    ],
  ])('%s: 400, nothing recorded, the app keeps answering', async (_case, contentType, body) => {
    const res = await fetch(`${app.baseUrl}/inbound/email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${EMAIL_TOKEN}`, 'content-type': contentType },
      body,
    });
    expect(res.status).toBe(400);
    expect(await attempts()).toEqual([]);
    const ok = await postEmail('generic', 'bearer', { from: newSender(), subject: 'x', messageId: newMessageId() });
    expect(ok.status).toBe(200);
    // Its reply goes out through the outbox: let it land here, not in the next test's sink.
    await outboxSettled();
  });

  it('an email whose sender is no address is recorded, not answered', async () => {
    const res = await fetch(`${app.baseUrl}/inbound/email`, {
      method: 'POST',
      headers: { authorization: `Bearer ${EMAIL_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from: 'not an address', subject: { nested: true }, headers: ['x'], message_id: 42 }),
    });
    expect(res.status).toBe(200);
    await outboxSettled();
    expect(await attempts()).toEqual([
      expect.objectContaining({ sender: null, reply_status: 'no_sender', message_id: null }),
    ]);
    expect(sink.received).toEqual([]);
  });
});
