import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import { buildBlockAction, buildRefundStateValues, buildViewSubmission } from '../../src/sandbox/slack-payloads.ts';
import { onlyClaim } from '../support/db-helpers.ts';
import { REVIEW_CHANNEL, eventually, type TestApp } from '../support/test-app.ts';
import { LEDGER_TOKEN, buildChargeInput, loadCharges } from '../support/ledger-fixtures.ts';
import { marketplaceReceiver, type WebhookDelivery } from '../support/marketplace-receiver.ts';
import { useSharedDatabase } from '../support/shared-database.ts';

const WEBHOOK_SECRET = 'refund-webhook-secret-0123456789';
const MARKETPLACE = `https://marketplace-${randomBytes(4).toString('hex')}.test`;
const NOW = new Date('2026-11-20T10:00:00Z');

const shared = useSharedDatabase();
const start = () =>
  shared.start({
    now: NOW,
    env: { LEDGER_TOKEN, REFUND_WEBHOOK_URL: `${MARKETPLACE}/refunds`, REFUND_WEBHOOK_SECRET: WEBHOOK_SECRET },
  });

/** The marketplace's refund webhook: records each delivery, answers the given statuses in turn (then 200). */
const refundsReceiver = (statuses: number[] = []) => marketplaceReceiver(MARKETPLACE, '/refunds', statuses);
let receiver: ReturnType<typeof refundsReceiver>;

afterEach(() => receiver?.stop());

/** The charge behind the default form's claim, under the id these tests name. */
const charge = (overrides: Record<string, unknown> = {}) => buildChargeInput({ charge_id: 'ch_true', ...overrides });
async function submit(app: TestApp) {
  const res = await app.send.interaction(buildViewSubmission({ values: buildRefundStateValues() }));
  return JSON.stringify(await res.json());
}
const reviewPost = (app: TestApp) => app.slack.calls('chat.postMessage').find((c) => c.args.channel === REVIEW_CHANNEL);
const approve = (app: TestApp, claimId: string, user = 'UREVIEWER1') =>
  app.send.interaction(buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claimId, user }));
const creditEntries = () => shared.database.db.selectFrom('credit_entries').selectAll().execute();
const expectSigned = (delivery: WebhookDelivery | undefined) =>
  expect(delivery?.signature).toBe(
    createHmac('sha256', WEBHOOK_SECRET)
      .update(delivery?.body ?? '')
      .digest('hex'),
  );

describe('the policy with the marketplace’s charges', () => {
  it('a claim no charge matches is sent back to be corrected (check the name and the date), and nothing is stored', async () => {
    const app = await start();
    await loadCharges(app, [
      charge({
        charge_id: 'ch_other',
        client_first_name: 'Luigi',
        client_last_name: 'Verdi',
        client_phone: '+39 347 000 0000',
      }),
    ]);
    const ack = JSON.parse(await submit(app)) as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe('errors');
    expect(Object.values(ack.errors).join(' ')).toContain('controlla il nome e la data');
    expect(await shared.database.db.selectFrom('claims').selectAll().execute()).toEqual([]);
  });

  it('credits above what was charged for that lead are a field error on the credits, and nothing is stored', async () => {
    const app = await start();
    await loadCharges(app, [charge({ credits: 5 })]);
    const ack = JSON.parse(await submit(app)) as { response_action: string; errors: Record<string, string> };
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { credits: 'Per questa risposta ti sono stati scalati 5 crediti: puoi chiederne al massimo 5.' },
    });
    expect(await shared.database.db.selectFrom('claims').selectAll().execute()).toEqual([]);
    expect(await shared.database.db.selectFrom('outbox').selectAll().execute()).toEqual([]);
  });

  it('the 30 days count from when the lead was received, as the marketplace recorded it', async () => {
    const app = await start();
    // The form says received on 9 November; the marketplace says 15 October: day 36.
    await loadCharges(app, [charge({ lead_received_at: '2026-10-15T09:00:00+02:00' })]);
    await submit(app);
    expect((await onlyClaim(shared.database.db)).verdict).toMatchObject({ kind: 'ineligible', rule: 'window_expired' });
  });

  it('charges may name the professional by marketplace id once POST /ledger/professionals mapped it', async () => {
    const app = await start();
    const post = (path: string, body: unknown, token = LEDGER_TOKEN) =>
      fetch(`${app.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    expect(
      (
        await post(
          '/ledger/professionals',
          { professionals: [{ marketplace_id: 'mp-77', slack_user_id: 'UPRO' }] },
          'wrong-token-0123456789',
        )
      ).status,
    ).toBe(401);
    const bad = await post('/ledger/professionals', {
      professionals: [{ marketplace_id: 'mp 77', slack_user_id: 'bob' }],
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field).sort()).toEqual([
      'marketplace_id',
      'slack_user_id',
    ]);
    expect(
      (await post('/ledger/professionals', { professionals: [{ marketplace_id: 'mp-77', slack_user_id: 'UPRO' }] }))
        .status,
    ).toBe(200);

    const { slack_user_id: _, ...byMarketplace } = charge();
    expect((await post('/ledger/charges', { charges: [{ ...byMarketplace, marketplace_id: 'mp-77' }] })).status).toBe(
      200,
    );
    await submit(app);
    expect((await onlyClaim(shared.database.db)).verdict).toMatchObject({
      kind: 'to_review',
      matchedChargeId: 'ch_true',
    });
  });

  it('without any ledger data the reviewer is told plainly that nothing was verified', async () => {
    const app = await start();
    await submit(app);
    await eventually(() => expect(reviewPost(app)).toBeDefined());
    expect(JSON.stringify(reviewPost(app)?.args.blocks)).toContain('Nulla è stato verificato');
  });
});

describe('a refund is credits, returned exactly once', () => {
  it('a true claim shows its charge to the reviewer; approving writes one credit entry and one signed webhook', async () => {
    receiver = refundsReceiver();
    const app = await start();
    await loadCharges(app, [charge()]);
    await submit(app);
    await eventually(() => expect(reviewPost(app)).toBeDefined());
    expect(JSON.stringify(reviewPost(app)?.args.blocks)).toContain('ch_true');
    const claim = await onlyClaim(shared.database.db);

    await approve(app, claim.id);
    await eventually(() => expect(receiver.deliveries).toHaveLength(1));
    const [delivery] = receiver.deliveries;
    expectSigned(delivery);
    expect(delivery?.idempotencyKey).toBe(claim.reference);
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({
      claim_reference: claim.reference,
      professional_slack_user_id: 'UPRO',
      credits: 12,
      charge_id: 'ch_true',
    });
    expect(await creditEntries()).toEqual([
      expect.objectContaining({ claim_id: claim.id, charge_id: 'ch_true', credits: 12 }),
    ]);
    await eventually(() =>
      expect(
        app.slack
          .calls('chat.postMessage')
          .some((c) => String(c.args.text).includes('12 crediti sono stati restituiti')),
      ).toBe(true),
    );
  });

  it('approvals at once write one credit entry and send one webhook', async () => {
    receiver = refundsReceiver();
    const app = await start();
    await loadCharges(app, [charge()]);
    await submit(app);
    await eventually(() => expect(reviewPost(app)).toBeDefined());
    const claim = await onlyClaim(shared.database.db);
    await Promise.all([
      approve(app, claim.id, 'UREVIEWER1'),
      approve(app, claim.id, 'UREVIEWER2'),
      approve(app, claim.id, 'UREVIEWER1'),
    ]);
    await eventually(() => expect(receiver.deliveries).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.deliveries).toHaveLength(1);
    expect(await creditEntries()).toHaveLength(1);
  });

  it('500 then 200: one refund, the same Idempotency-Key and the same signed bytes on both tries', async () => {
    receiver = refundsReceiver([500]);
    const app = await start();
    await loadCharges(app, [charge()]);
    await submit(app);
    await eventually(() => expect(reviewPost(app)).toBeDefined());
    const claim = await onlyClaim(shared.database.db);
    await approve(app, claim.id);
    await eventually(() => expect(receiver.deliveries).toHaveLength(1));
    await eventually(async () =>
      expect(
        (
          await shared.database.db
            .selectFrom('outbox')
            .select('attempts')
            .where('kind', '=', 'refund_webhook')
            .executeTakeFirst()
        )?.attempts,
      ).toBe(1),
    );
    app.clock.now = new Date(NOW.getTime() + 10_000);
    app.application.worker.wake();
    await eventually(() => expect(receiver.deliveries).toHaveLength(2));
    const [first, second] = receiver.deliveries;
    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(second?.body).toBe(first?.body);
    expectSigned(second);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.deliveries).toHaveLength(2);
    expect(await creditEntries()).toHaveLength(1);
  });

  it('an instance that stops after the approval leaves the webhook to the next one', async () => {
    receiver = refundsReceiver();
    const first = await start();
    await loadCharges(first, [charge()]);
    await submit(first);
    await eventually(() => expect(reviewPost(first)).toBeDefined());
    const claim = await onlyClaim(shared.database.db);
    await first.application.worker.stop();
    await approve(first, claim.id);
    await eventually(async () => expect((await onlyClaim(shared.database.db)).status).toBe('approved'));
    await shared.stop(first);
    expect(receiver.deliveries).toEqual([]);

    await start();
    await eventually(() => expect(receiver.deliveries).toHaveLength(1));
    expect(receiver.deliveries[0]?.idempotencyKey).toBe(claim.reference);
  });
});
