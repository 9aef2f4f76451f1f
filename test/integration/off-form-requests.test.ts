import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OPEN_FORM_ACTION_ID } from '../../src/slack/messages/form-pointer.ts';
import { resetDatabase } from '../support/db-helpers.ts';
import { buildBlockAction, buildDirectMessage, buildEventEnvelope } from '../../src/sandbox/slack-payloads.ts';
import { EMAIL_TOKEN, REVIEW_CHANNEL, eventually, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());
beforeEach(async () => {
  await resetDatabase(app.database.db);
  app.slack.reset();
});

const refusals = () => app.database.db.selectFrom('refused_requests').selectAll().orderBy('id').execute();
const claimCount = async () => (await app.database.db.selectFrom('claims').select('id').execute()).length;
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

describe('a refund asked for outside the form is refused with a pointer to it', () => {
  it('a DM asking for a refund gets the refusal with a button that opens the form', async () => {
    const res = await app.send.event(
      buildDirectMessage('Buongiorno, vorrei il rimborso dei crediti per il cliente Verdi 3331234567'),
    );
    expect(res.status).toBe(200);
    await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(1));
    const [reply] = app.slack.calls('chat.postMessage');
    expect(reply?.args.channel).toBe('D0PRO');
    expect(String(reply?.args.text)).toContain('solo tramite il modulo');
    expect(JSON.stringify(reply?.args.blocks)).toContain(OPEN_FORM_ACTION_ID);

    const stored = await refusals();
    expect(stored).toEqual([expect.objectContaining({ channel: 'dm', sender: 'UPRO', slack_channel_id: 'D0PRO' })]);
    expect(JSON.stringify(stored)).not.toContain('Verdi');
    expect(JSON.stringify(stored)).not.toContain('3331234567');
    expect(await claimCount()).toBe(0);

    app.slack.reset();
    await app.send.interaction(
      buildBlockAction({ actionId: OPEN_FORM_ACTION_ID, value: 'open', user: 'UPRO', channel: 'D0PRO' }),
    );
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    expect(app.slack.calls('views.open')[0]?.args.view).toMatchObject({ callback_id: 'refund_claim' });
  });

  it('an event Slack delivers again is answered once', async () => {
    const envelope = buildDirectMessage('refund please');
    await app.send.event(envelope);
    await app.send.event(envelope, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(1));
    await settle();
    expect(app.slack.calls('chat.postMessage')).toHaveLength(1);
    expect(await refusals()).toHaveLength(1);
  });

  it('ordinary chatter, the bot’s own messages and edits are left alone', async () => {
    await app.send.event(buildDirectMessage('Ciao, come funziona il saldo?'));
    await app.send.event(buildDirectMessage('rimborso', { bot_id: 'BBOT', user: 'UBOT' }));
    await app.send.event(buildDirectMessage('rimborso', { subtype: 'message_changed' }));
    await settle();
    expect(app.slack.calls('chat.postMessage')).toEqual([]);
    expect(app.slack.calls('chat.postEphemeral')).toEqual([]);
    expect(await refusals()).toEqual([]);
  });

  it('a mention asking for a refund gets an ephemeral answer, once, even though Slack also sends the channel message', async () => {
    const text = '<@UBOT> mi servirebbe un rimborso';
    await app.send.event(buildEventEnvelope({ type: 'app_mention', channel: 'CGENERAL', user: 'UPRO', text }));
    await app.send.event(
      buildEventEnvelope({ type: 'message', channel: 'CGENERAL', channel_type: 'channel', user: 'UPRO', text }),
    );
    await eventually(() => expect(app.slack.calls('chat.postEphemeral')).toHaveLength(1));
    await settle();
    expect(app.slack.calls('chat.postEphemeral')).toHaveLength(1);
    expect(app.slack.calls('chat.postEphemeral')[0]?.args).toMatchObject({ channel: 'CGENERAL', user: 'UPRO' });
    expect(app.slack.calls('chat.postMessage')).toEqual([]);
    expect((await refusals()).map((r) => r.channel)).toEqual(['mention']);
  });

  it('a channel message asking for a refund gets an ephemeral answer; the review channel is the reviewers’ own', async () => {
    await app.send.event(
      buildEventEnvelope({
        type: 'message',
        channel: 'CGENERAL',
        channel_type: 'channel',
        user: 'UPRO',
        text: 'come ottengo un rimborso?',
      }),
    );
    await app.send.event(
      buildEventEnvelope({
        type: 'message',
        channel: REVIEW_CHANNEL,
        channel_type: 'channel',
        user: 'UREVIEWER1',
        text: 'questo rimborso è dubbio',
      }),
    );
    await eventually(() => expect(app.slack.calls('chat.postEphemeral')).toHaveLength(1));
    await settle();
    expect(app.slack.calls('chat.postEphemeral')).toHaveLength(1);
    expect((await refusals()).map((r) => r.channel)).toEqual(['channel']);
  });

  it('a channel message without a user (an app’s or a workflow’s post) is left alone: no ephemeral without a user', async () => {
    const res = await app.send.event(
      buildEventEnvelope({
        type: 'message',
        channel: 'CGENERAL',
        channel_type: 'channel',
        text: 'rimborso crediti: come si chiede?',
      }),
    );
    expect(res.status).toBe(200);
    await app.send.event(
      buildEventEnvelope({ type: 'message', channel: 'D0PRO', channel_type: 'im', text: 'vorrei un rimborso' }),
    );
    await settle();
    expect(app.slack.calls('chat.postEphemeral')).toEqual([]);
    expect(app.slack.calls('chat.postMessage')).toEqual([]);
    expect(await refusals()).toEqual([]);
    expect(app.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});

describe('POST /inbound/email', () => {
  const postEmail = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${app.baseUrl}/inbound/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token-at-all' }],
    ['another scheme', { authorization: `Basic ${EMAIL_TOKEN}` }],
  ])('answers 401 with %s and records nothing', async (_case, headers) => {
    const res = await postEmail(JSON.stringify({ from: 'pro@example.com' }), headers);
    expect(res.status).toBe(401);
    expect(await refusals()).toEqual([]);
  });

  it('with its token, records the attempt (sender only) and returns the refusal in Italian and English', async () => {
    const res = await postEmail(
      JSON.stringify({
        from: 'Mario Bianchi <Mario@Example.com>',
        subject: 'Rimborso',
        text: 'Cliente Neri, 333 1234567',
      }),
      { authorization: `Bearer ${EMAIL_TOKEN}` },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: boolean; reply: { it: { text: string }; en: { text: string } } };
    expect(body.accepted).toBe(false);
    expect(body.reply.it.text).toContain('solo tramite il modulo');
    expect(body.reply.en.text).toContain('only through the form');
    const stored = await refusals();
    expect(stored).toEqual([
      expect.objectContaining({ channel: 'email', sender: 'mario@example.com', reply_status: 'replies_off' }),
    ]);
    expect(app.logs.filter((line) => line.includes('email replies are off'))).toHaveLength(1);
    expect(await app.database.db.selectFrom('outbox').select('id').execute()).toEqual([]);
    expect(JSON.stringify(stored)).not.toContain('Neri');
    expect(await claimCount()).toBe(0);
  });

  it('answers 400 to a body that is not JSON, and records nothing', async () => {
    const res = await postEmail('{not json', { authorization: `Bearer ${EMAIL_TOKEN}` });
    expect(res.status).toBe(400);
    expect(await refusals()).toEqual([]);
  });
});

describe('GET /healthz and /readyz', () => {
  it('answers 200 while the process serves, and is ready while the database answers', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true } } });
  });
});
