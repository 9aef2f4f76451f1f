import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBlockAction, buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { parsePrometheusText, sampleValue } from '../support/prometheus.ts';
import { eventually, REVIEW_CHANNEL, startTestApp, type TestApp } from '../support/test-app.ts';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const NOW = new Date('2026-11-20T10:00:00Z');
// Claim B's deadline is 4 December (10 business days, 8 December a holiday): overdue by the 10th.
const LATER = new Date('2026-12-10T10:00:00Z');

let app: TestApp;
let open: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { METRICS_TOKEN }, now: NOW });
});
afterAll(async () => {
  await open?.stop();
  await app?.stop();
});

const scrape = (target: TestApp, headers: Record<string, string> = {}) =>
  fetch(`${target.baseUrl}/metrics`, { headers });
const claimByLastName = (lastName: string) =>
  app.database.db.selectFrom('claims').selectAll().where('client_last_name', '=', lastName).executeTakeFirstOrThrow();

async function playStory() {
  // A: to review, then approved the same day (0 business days).
  await app.send.interaction(buildViewSubmission({ values: buildRefundStateValues({ clientLastName: 'Bianchi' }) }));
  await eventually(() => expect(app.slack.calls('chat.postMessage')).toHaveLength(2));
  const a = await claimByLastName('Bianchi');
  await app.send.interaction(buildBlockAction({ actionId: APPROVE_ACTION_ID, value: a.id, user: 'UREVIEWER1' }));
  await eventually(async () => expect((await claimByLastName('Bianchi')).status).toBe('approved'));

  // B: to review, but Slack refuses its review post for good (invalid_blocks): given up. (A channel
  // not found would wait blocked instead, issue 10.)
  app.slack.respond('chat.postMessage', (args) =>
    args.channel === REVIEW_CHANNEL
      ? { body: { ok: false, error: 'invalid_blocks' } }
      : { body: { ok: true, channel: args.channel, ts: '1700000000.000777' } },
  );
  await app.send.interaction(buildViewSubmission({ values: buildRefundStateValues({ clientLastName: 'Rossi' }) }));
  await eventually(async () => {
    const failed = await app.database.db
      .selectFrom('outbox')
      .select(['kind', 'last_error'])
      .where('status', '=', 'failed')
      .execute();
    expect(failed).toEqual([{ kind: 'review_post', last_error: 'invalid_blocks' }]);
  });
  app.slack.reset();

  // C: answered in October, ineligible.
  await app.send.interaction(
    buildViewSubmission({
      values: buildRefundStateValues({ clientLastName: 'Verdi', answeredOn: '2026-10-01', receivedOn: '2026-09-30' }),
    }),
  );
  await eventually(async () => expect((await claimByLastName('Verdi')).status).toBe('ineligible'));

  const pending = () =>
    app.database.db.selectFrom('outbox').select(['kind', 'last_error']).where('status', '=', 'pending').execute();
  await eventually(async () => expect(await pending()).toEqual([]));
  // A message waiting for its retry, queued an hour before the scrape.
  const b = await claimByLastName('Rossi');
  await app.database.db
    .insertInto('outbox')
    .values({
      claim_id: b.id,
      kind: 'reminder',
      lane: 'review',
      dedupe_key: `${b.id}:reminder:test`,
      next_attempt_at: new Date(LATER.getTime() + 86_400_000),
      created_at: new Date(LATER.getTime() - 3_600_000),
    })
    .execute();
  app.clock.now = LATER;
}

describe('GET /metrics', () => {
  it('after a known story, reports the claims, decisions, queue, failures and Slack errors as Prometheus text', async () => {
    await playStory();
    expect((await scrape(app)).status).toBe(401);
    expect((await scrape(app, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);

    const res = await scrape(app, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const { samples, types } = parsePrometheusText(await res.text());
    const value = (name: string, labels: Record<string, string> = {}) => sampleValue(samples, name, labels);

    expect(value('rimborso_claims_submitted_total', { outcome: 'to_review' })).toBe(2);
    expect(value('rimborso_claims_submitted_total', { outcome: 'ineligible' })).toBe(1);
    expect(value('rimborso_decisions_total', { decision: 'approved' })).toBe(1);
    expect(value('rimborso_decisions_total', { decision: 'rejected' })).toBe(0);
    expect(value('rimborso_decision_business_days_bucket', { le: '0' })).toBe(1);
    expect(value('rimborso_decision_business_days_bucket', { le: '+Inf' })).toBe(1);
    expect(value('rimborso_decision_business_days_count')).toBe(1);
    expect(value('rimborso_decision_business_days_sum')).toBe(0);
    expect(value('rimborso_claims_pending')).toBe(1);
    expect(value('rimborso_claims_overdue')).toBe(1);
    expect(value('rimborso_outbox_pending', { kind: 'reminder' })).toBe(1);
    expect(value('rimborso_outbox_oldest_pending_seconds')).toBe(3600);
    expect(value('rimborso_outbox_failed_total', { kind: 'review_post', reason: 'invalid_blocks' })).toBe(1);
    expect(value('rimborso_slack_api_errors_total', { method: 'chat.postMessage', error: 'invalid_blocks' })).toBe(1);
    expect(value('rimborso_http_requests_total', { route: '/slack/events', status: '200' })).toBe(4);
    expect(value('rimborso_http_requests_total', { route: '/metrics', status: '401' })).toBe(2);
    expect(value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(types.get('rimborso_decision_business_days')).toBe('histogram');
    expect(types.get('rimborso_claims_submitted_total')).toBe('counter');
    expect(types.get('rimborso_claims_pending')).toBe('gauge');

    // Another instance on the same database, without METRICS_TOKEN: open, and the same database figures.
    open = await startTestApp({ database: app.database, now: LATER });
    const other = await scrape(open);
    expect(other.status).toBe(200);
    const fromOther = parsePrometheusText(await other.text()).samples;
    for (const [name, labels] of [
      ['rimborso_claims_submitted_total', { outcome: 'to_review' }],
      ['rimborso_decisions_total', { decision: 'approved' }],
      ['rimborso_claims_overdue', {}],
      ['rimborso_outbox_failed_total', { kind: 'review_post', reason: 'invalid_blocks' }],
    ] as const) {
      expect(sampleValue(fromOther, name, labels)).toBe(value(name, labels));
    }
    // Its own process counted no Slack error.
    expect(
      sampleValue(fromOther, 'rimborso_slack_api_errors_total', {
        method: 'chat.postMessage',
        error: 'invalid_blocks',
      }),
    ).toBeUndefined();
  });
});
