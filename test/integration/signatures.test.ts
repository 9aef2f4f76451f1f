import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { signSlackRequest } from '../../src/sandbox/signed-requests.ts';
import { SIGNING_SECRET, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const body = () => new URLSearchParams({ payload: JSON.stringify(buildViewSubmission()) }).toString();
const form = 'application/x-www-form-urlencoded';

describe('only Slack’s signed requests are processed', () => {
  it.each([
    ['a bad signature', () => ({ ...signSlackRequest(SIGNING_SECRET, 'other body') })],
    ['another app’s secret', () => signSlackRequest('another-apps-signing-secret', body())],
    [
      'a timestamp older than five minutes',
      () => signSlackRequest(SIGNING_SECRET, body(), Math.floor(Date.now() / 1000) - 600),
    ],
    ['no signature at all', () => ({})],
  ])('%s → 401 and nothing stored or sent', async (_case, headers) => {
    const payload = body();
    const res = await app.send.raw(payload, form, headers());
    expect(res.status).toBe(401);
    expect(await app.database.db.selectFrom('claims').select('id').execute()).toEqual([]);
    expect(app.slack.calls().filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('the same body correctly signed is accepted', async () => {
    const payload = body();
    const res = await app.send.raw(payload, form, signSlackRequest(SIGNING_SECRET, payload));
    expect(res.status).toBe(200);
    expect(await app.database.db.selectFrom('claims').select('id').execute()).toHaveLength(1);
  });
});
