import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  RESPONSE_URL_PLACEHOLDER,
  buildBlockAction,
  buildDirectMessage,
  buildSlashCommand,
  buildViewSubmission,
} from '../../src/sandbox/slack-payloads.ts';
import { signSlackRequest } from '../../src/sandbox/signed-requests.ts';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { hostileBody, sendAll, type RawBody } from '../support/hostile-bodies.ts';
import { eventually, SIGNING_SECRET, startTestApp, type TestApp } from '../support/test-app.ts';

/** Bodies signed with the right secret that are not Slack payloads: 4xx, never a crash or a 5xx. */
let app: TestApp;
let crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);
beforeAll(async () => {
  app = await startTestApp();
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
});
afterAll(async () => {
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  await app?.stop();
});
beforeEach(() => {
  app.slack.reset();
  crashes = [];
});
afterEach(() => expect(crashes).toEqual([]));

const FORM = 'application/x-www-form-urlencoded';
// The payloads' placeholder response_url becomes this app's fake one (as the test app's sender does).
const signed = ({ body: raw, contentType }: RawBody) => {
  const body = raw
    .replaceAll(encodeURIComponent(RESPONSE_URL_PLACEHOLDER), encodeURIComponent(app.slack.responseUrl))
    .replaceAll(RESPONSE_URL_PLACEHOLDER, app.slack.responseUrl);
  return app.send.raw(body, contentType, signSlackRequest(SIGNING_SECRET, body));
};
const asForm = (payload: unknown) => ({
  body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  contentType: FORM,
});
const without = (payload: Record<string, unknown>, key: string) =>
  Object.fromEntries(Object.entries(payload).filter(([k]) => k !== key));

async function stillServes() {
  expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  app.slack.reset();
  expect((await app.send.slashCommand(buildSlashCommand())).status).toBe(200);
  await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
}

const block = buildBlockAction({
  actionId: APPROVE_ACTION_ID,
  value: '00000000-0000-4000-8000-000000000000',
  user: 'UREVIEWER1',
});
const submission = buildViewSubmission();
const message = buildDirectMessage('rimborso');

describe('hostile but signed bodies', () => {
  it.each([
    ['JSON null', { body: 'null', contentType: 'application/json' }],
    ['JSON []', { body: '[]', contentType: 'application/json' }],
    ['JSON 0', { body: '0', contentType: 'application/json' }],
    ['JSON "x"', { body: '"x"', contentType: 'application/json' }],
    ['JSON {}', { body: '{}', contentType: 'application/json' }],
    ['JSON true', { body: 'true', contentType: 'application/json' }],
    ['a form whose payload is null', asForm(null)],
    ['a form whose payload is []', asForm([])],
    ['a form whose payload is "x"', asForm('x')],
    ['a form whose payload is 0', asForm(0)],
    ['a form whose payload is not JSON', { body: 'payload=%7Bnope', contentType: FORM }],
    ['a form with two payloads', { body: 'payload=%7B%7D&payload=%7B%7D', contentType: FORM }],
    ['a form of nothing Slack sends', { body: 'a=1&b=2', contentType: FORM }],
    ['block actions without a user', asForm(without(block, 'user'))],
    ['block actions without actions', asForm(without(block, 'actions'))],
    ['block actions with no action', asForm({ ...block, actions: [] })],
    ['block actions with a null action', asForm({ ...block, actions: [null] })],
    ['block actions without a trigger id', asForm(without(block, 'trigger_id'))],
    ['message block actions without a response_url', asForm(without(block, 'response_url'))],
    ['block actions whose response_url is not a URL', asForm({ ...block, response_url: 'xxx' })],
    ['a view submission whose response_urls hold null', asForm({ ...submission, response_urls: [null] })],
    ['a block actions body that also has an event', asForm({ ...block, event: null })],
    [
      'an event whose first authorization is null',
      { body: JSON.stringify({ ...message, authorizations: [null] }), contentType: 'application/json' },
    ],
    [
      'an event whose item is not an object',
      { body: JSON.stringify({ ...message, event: { ...message.event, item: 'x' } }), contentType: 'application/json' },
    ],
    ['block actions from a team named __proto__', asForm({ ...block, team: { id: '__proto__' } })],
    ['block actions whose channel is null', asForm({ ...block, channel: null })],
    ['a body whose type is __proto__', { body: 'type=__proto__&user=1', contentType: FORM }],
    ['a view submission without a view', asForm(without(submission, 'view'))],
    ['a view submission without a user', asForm(without(submission, 'user'))],
    ['a view submission without state', asForm({ ...submission, view: without(submission.view, 'state') })],
    [
      'a view submission whose values are null',
      asForm({ ...submission, view: { ...submission.view, state: { values: null } } }),
    ],
    ['an interaction of a type this app has no part in', asForm({ ...block, type: 'shortcut' })],
    [
      'an event envelope without an event',
      { body: JSON.stringify(without(message, 'event')), contentType: 'application/json' },
    ],
    [
      'an event envelope whose event is null',
      { body: JSON.stringify({ ...message, event: null }), contentType: 'application/json' },
    ],
    [
      'a message event without a channel',
      {
        body: JSON.stringify({ ...message, event: without(message.event, 'channel') }),
        contentType: 'application/json',
      },
    ],
    [
      'a slash command without a user',
      {
        body: new URLSearchParams(without(buildSlashCommand(), 'user_id') as Record<string, string>).toString(),
        contentType: FORM,
      },
    ],
    [
      'a slash command without a trigger id',
      {
        body: new URLSearchParams(without(buildSlashCommand(), 'trigger_id') as Record<string, string>).toString(),
        contentType: FORM,
      },
    ],
  ])('%s → 400 at once, and the app still serves', async (_name, body) => {
    const started = Date.now();
    const res = await signed(body);
    expect(res.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(1000);
    await stillServes();
    expect(app.logs.filter((line) => line.includes('unhandled error'))).toEqual([]);
  });

  it('an unsigned hostile body is still 401, as Bolt answers it', async () => {
    expect((await app.send.raw('null', 'application/json', {})).status).toBe(401);
    expect((await app.send.raw('null', 'application/json', signSlackRequest('another-secret', 'null'))).status).toBe(
      401,
    );
  });

  it('url_verification and real events still pass the guard', async () => {
    const res = await signed({
      body: JSON.stringify({ type: 'url_verification', challenge: 'abc', token: 't' }),
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('abc');
    expect((await signed({ body: JSON.stringify(message), contentType: 'application/json' })).status).toBe(200);
    await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(1));
  });

  const count = Number(process.env.HOSTILE_BODY_COUNT ?? 1000);
  it(
    `${count} generated malformed or hostile signed bodies: no 5xx, the process stays up`,
    { timeout: 30_000 + count * 60 },
    async () => {
      const bodies = fc.sample(hostileBody, {
        numRuns: count,
        seed: Number(process.env.HOSTILE_BODY_SEED ?? 20261201),
      });
      const started = Date.now();
      const serverErrors: RawBody[] = [];
      const statuses = await sendAll(bodies, signed, 25, serverErrors);
      const elapsed = Date.now() - started;
      const fiveHundreds = [...statuses].filter(([status]) => status >= 500);
      console.log(
        `hostile bodies: ${count} in ${elapsed} ms, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      expect(serverErrors.slice(0, 3)).toEqual([]);
      expect(fiveHundreds).toEqual([]);
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(count);
      // Bad input reaches no listener that cannot read it: no TypeError (a property of undefined, a
      // missing function) anywhere. Late acks of slow writes under this load are another matter.
      expect(app.logs.filter((line) => line.includes('"name":"TypeError"')).map((line) => line.slice(0, 600))).toEqual(
        [],
      );
      await stillServes();
    },
  );
});
