import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AutoApproveCase } from '../../src/domain/claim.ts';
import { RESPONSE_URL_METHOD } from '../../src/sandbox/slack-api-double.ts';
import {
  buildBlockAction,
  buildRefundStateValues,
  buildViewSubmission,
  withChosenCharge,
  type StateOverrides,
} from '../../src/sandbox/slack-payloads.ts';
import { REVERSE_ACTION_ID } from '../../src/slack/messages/auto-approval-blocks.ts';
import { APPROVE_ACTION_ID } from '../../src/slack/messages/review-message.ts';
import {
  REVERSE_MODAL_CALLBACK_ID,
  REVERSE_REASON_ACTION_ID,
  REVERSE_REASON_BLOCK_ID,
} from '../../src/slack/views/reverse-modal.ts';
import { claimEvents } from '../support/db-helpers.ts';
import { isSignedWith, marketplaceReceiver } from '../support/marketplace-receiver.ts';
import { useSharedDatabase } from '../support/shared-database.ts';
import { REVIEW_CHANNEL, eventually, type TestApp } from '../support/test-app.ts';
import { LEDGER_TOKEN, NO_TYPED_FIELDS, buildChargeInput as charge, loadCharges } from '../support/ledger-fixtures.ts';

const WEBHOOK_SECRET = 'refund-webhook-secret-0123456789';
const MARKETPLACE = `https://marketplace-${randomBytes(4).toString('hex')}.test`;
const NOW = new Date('2026-11-20T10:00:00Z');
const DAY_MS = 86_400_000;

const shared = useSharedDatabase();
const db = () => shared.database.db;
const start = (env: Record<string, string> = {}) =>
  shared.start({
    now: NOW,
    env: {
      LEDGER_TOKEN,
      REFUND_WEBHOOK_URL: `${MARKETPLACE}/refunds`,
      REFUND_WEBHOOK_SECRET: WEBHOOK_SECRET,
      AUTO_APPROVE: 'answered_twice,later_interaction,first_mistake',
      ...env,
    },
  });

let receiver: ReturnType<typeof marketplaceReceiver>;
afterEach(() => receiver?.stop());

/** What the ledger holds and what the professional says, for each case the ledger proves. */
const CASES: Record<
  AutoApproveCase,
  { reason: string; charges: Array<Record<string, unknown>>; refunded: string; evidence: string | null }
> = {
  answered_twice: {
    reason: 'answered_twice',
    charges: [
      charge({ charge_id: 'ch_first', charged_at: '2026-11-10T09:00:00+01:00' }),
      charge({ charge_id: 'ch_second', lead_id: 'lead_2' }),
    ],
    refunded: 'ch_second',
    evidence: 'ch_first',
  },
  later_interaction: {
    reason: 'no_grazie',
    charges: [
      charge({ charge_id: 'ch_earlier', charged_at: '2026-11-10T09:00:00+01:00', trigger: 'phone_answer' }),
      charge({ charge_id: 'ch_later' }),
    ],
    refunded: 'ch_later',
    evidence: 'ch_earlier',
  },
  first_mistake: { reason: 'sent_by_mistake', charges: [charge()], refunded: 'ch_1', evidence: null },
};

/** A second client of the same professional, with a later interaction charged: a second proven claim. */
const LUCA = {
  clientFirstName: 'Luca',
  clientLastName: 'Verdi',
  clientPhone: '+39 347 000 0000',
  answeredOn: '2026-11-11',
};
const lucaCharges = (user = 'UPRO') => [
  charge({
    charge_id: `ch_luca_1_${user}`,
    slack_user_id: user,
    lead_id: `lead_luca_${user}`,
    client_first_name: 'Luca',
    client_last_name: 'Verdi',
    client_phone: '+39 347 000 0000',
    charged_at: '2026-11-11T09:00:00+01:00',
  }),
  charge({
    charge_id: `ch_luca_2_${user}`,
    slack_user_id: user,
    lead_id: `lead_luca_${user}`,
    client_first_name: 'Luca',
    client_last_name: 'Verdi',
    client_phone: '+39 347 000 0000',
    charged_at: '2026-11-11T11:00:00+01:00',
  }),
];

async function submit(app: TestApp, form: StateOverrides = {}, options: { user?: string; viewId?: string } = {}) {
  const res = await app.send.interaction(buildViewSubmission({ ...options, values: buildRefundStateValues(form) }));
  return JSON.stringify(await res.json());
}
const claims = () => db().selectFrom('claims').selectAll().orderBy('submitted_at').orderBy('reference').execute();
const creditEntries = () => db().selectFrom('credit_entries').selectAll().orderBy('id').execute();
const reviewPosts = (app: TestApp) =>
  app.slack.calls('chat.postMessage').filter((c) => c.args.channel === REVIEW_CHANNEL);
const dmsTo = (app: TestApp, user: string) =>
  app.slack.calls('chat.postMessage').filter((c) => c.args.channel === `D${user}`);
const blocksOf = (call: { args: Record<string, unknown> } | undefined) => JSON.stringify(call?.args.blocks ?? null);
const findingsOf = (verdict: unknown) =>
  ((verdict as { findings?: Array<{ code: string }> }).findings ?? []).map((f) => f.code);

describe('each enabled case is approved at submission', () => {
  it.each(Object.keys(CASES) as AutoApproveCase[])(
    '%s: approved by the policy, one credit entry, one signed webhook, one DM, one audit message',
    async (autoCase) => {
      const scene = CASES[autoCase];
      receiver = marketplaceReceiver(MARKETPLACE, '/refunds');
      const app = await start({ AUTO_APPROVE: autoCase });
      await loadCharges(app, scene.charges);

      const ack = await submit(app, { reason: scene.reason });
      expect(ack).toContain('è stata approvata');
      const [claim] = await claims();
      expect(claim).toMatchObject({ status: 'approved', decided_by: 'policy', auto_approved_case: autoCase });

      expect(await creditEntries()).toEqual([
        expect.objectContaining({ claim_id: claim?.id, charge_id: scene.refunded, credits: 12, kind: 'refund' }),
      ]);
      await eventually(() => expect(receiver.deliveries).toHaveLength(1));
      expect(isSignedWith(receiver.deliveries[0], WEBHOOK_SECRET)).toBe(true);
      expect(receiver.deliveries[0]?.idempotencyKey).toBe(claim?.reference);
      expect(receiver.bodies()[0]).toMatchObject({
        type: 'refund.approved',
        automatic: true,
        charge_id: scene.refunded,
        credits: 12,
      });

      await eventually(() => expect(dmsTo(app, 'UPRO')).toHaveLength(1));
      expect(String(dmsTo(app, 'UPRO')[0]?.args.text)).toContain('12 crediti sono stati restituiti');
      await eventually(() => expect(reviewPosts(app)).toHaveLength(1));
      const audit = blocksOf(reviewPosts(app)[0]);
      expect(audit).toContain('Approvata automaticamente');
      expect(audit).toContain(scene.refunded);
      if (scene.evidence) expect(audit).toContain(scene.evidence);
      expect(audit).toContain(REVERSE_ACTION_ID);
      expect(audit).not.toContain(APPROVE_ACTION_ID);

      const events = await claimEvents(db(), claim?.id ?? '');
      expect(events.filter((e) => e.kind === 'decided')).toEqual([
        expect.objectContaining({
          actor: 'policy',
          details: expect.objectContaining({ automatic: true, case: autoCase, chargeId: scene.refunded }),
        }),
      ]);
      expect(await db().selectFrom('claim_reminders').selectAll().execute()).toEqual([]);
      // Nothing more follows: no second DM, no second webhook, no reminder.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(dmsTo(app, 'UPRO')).toHaveLength(1);
      expect(receiver.deliveries).toHaveLength(1);
    },
  );

  it('a charge chosen from the list in the modal is proof: approved without typing the client', async () => {
    receiver = marketplaceReceiver(MARKETPLACE, '/refunds');
    const app = await start({ AUTO_APPROVE: 'first_mistake' });
    await loadCharges(app, CASES.first_mistake.charges);
    const nothingTyped = buildRefundStateValues({ ...NO_TYPED_FIELDS, reason: 'sent_by_mistake' });
    const res = await app.send.interaction(
      buildViewSubmission({
        values: withChosenCharge(nothingTyped, 'ch_1'),
        privateMetadata: '{"chargeList":"static"}',
      }),
    );
    expect(JSON.stringify(await res.json())).toContain('è stata approvata');
    const [claim] = await claims();
    expect(claim).toMatchObject({
      status: 'approved',
      auto_approved_case: 'first_mistake',
      verdict: expect.objectContaining({ chargeChosen: true, matchedChargeId: 'ch_1' }),
    });
    expect(await creditEntries()).toHaveLength(1);
    await eventually(() =>
      expect(receiver.bodies()).toEqual([expect.objectContaining({ automatic: true, charge_id: 'ch_1' })]),
    );
  });

  it('a disabled case is never automatic: the claim waits for a reviewer', async () => {
    receiver = marketplaceReceiver(MARKETPLACE, '/refunds');
    const app = await start({ AUTO_APPROVE: 'answered_twice,later_interaction' });
    await loadCharges(app, CASES.first_mistake.charges);
    await submit(app, { reason: 'sent_by_mistake' });
    expect(await claims()).toEqual([expect.objectContaining({ status: 'pending_review', auto_approved_case: null })]);
    await eventually(() => expect(reviewPosts(app)).toHaveLength(1));
    expect(blocksOf(reviewPosts(app)[0])).toContain(APPROVE_ACTION_ID);
    expect(blocksOf(reviewPosts(app)[0])).not.toContain('automaticamente');
    expect(await creditEntries()).toEqual([]);
    expect(receiver.deliveries).toEqual([]);
  });

  it('with AUTO_APPROVE unset nothing is automatic', async () => {
    const app = await start({ AUTO_APPROVE: '' });
    await loadCharges(app, CASES.later_interaction.charges);
    await submit(app);
    expect((await claims())[0]?.status).toBe('pending_review');
    expect(await creditEntries()).toEqual([]);
  });
});

describe('each guard falls back to review, with its reason among the findings', () => {
  /** One proven claim approved, then a second one for another client: the guard decides the second. */
  async function secondClaim(env: Record<string, string>, secondUser = 'UPRO') {
    const app = await start({ AUTO_APPROVE: 'later_interaction', ...env });
    await loadCharges(app, [...CASES.later_interaction.charges, ...lucaCharges(secondUser)]);
    await submit(app);
    expect((await claims())[0]?.status).toBe('approved');
    await submit(app, LUCA, { user: secondUser });
    const second = (await claims())[1];
    await eventually(() => expect(reviewPosts(app)).toHaveLength(2));
    return { app, second, post: blocksOf(reviewPosts(app)[1]) };
  }

  it('a match with differences (the name given by its initial)', async () => {
    const app = await start();
    await loadCharges(app, CASES.first_mistake.charges);
    await submit(app, { reason: 'sent_by_mistake', clientFirstName: 'M.' });
    const [claim] = await claims();
    expect(claim?.status).toBe('pending_review');
    expect(findingsOf(claim?.verdict)).toContain('auto_withheld_match_differences');
    await eventually(() => expect(reviewPosts(app)).toHaveLength(1));
    expect(blocksOf(reviewPosts(app)[0])).toContain('Non approvata automaticamente');
    expect(await creditEntries()).toEqual([]);
  });

  it('more automatic approvals than AUTO_APPROVE_MAX_PER_PROFESSIONAL in 30 days', async () => {
    const { second, post } = await secondClaim({ REFUND_SHARE_WARNING_PERCENT: '100' });
    expect(second).toMatchObject({ status: 'pending_review', auto_approved_case: null });
    expect(findingsOf(second?.verdict)).toContain('auto_withheld_professional_cap');
    expect(post).toContain('già avuto 1 rimborsi automatici');
    expect(await creditEntries()).toHaveLength(1);
  });

  it('a refund share over REFUND_SHARE_WARNING_PERCENT of the credits charged in 90 days', async () => {
    // 12 refunded of 48 charged: 25 %.
    const { second } = await secondClaim({ AUTO_APPROVE_MAX_PER_PROFESSIONAL: '5' });
    expect(second?.status).toBe('pending_review');
    expect(findingsOf(second?.verdict)).toContain('auto_withheld_refund_share');
  });

  it('the same share under a higher REFUND_SHARE_WARNING_PERCENT is approved', async () => {
    const { second } = await secondClaim({
      AUTO_APPROVE_MAX_PER_PROFESSIONAL: '5',
      REFUND_SHARE_WARNING_PERCENT: '30',
    });
    expect(second?.status).toBe('approved');
  });

  it('the day’s automatic credits across everyone over AUTO_APPROVE_DAILY_CREDITS', async () => {
    const { app, second, post } = await secondClaim({ AUTO_APPROVE_DAILY_CREDITS: '20' }, 'UPRO2');
    expect(second).toMatchObject({ status: 'pending_review', professional_id: 'UPRO2' });
    expect(findingsOf(second?.verdict)).toContain('auto_withheld_daily_cap');
    expect(post).toContain('limite giornaliero di 20');

    // A new day in Rome (midnight in Rome is 23:00 UTC): the cap starts again.
    app.clock.now = new Date('2026-11-20T23:00:00Z');
    await loadCharges(app, [
      charge({
        charge_id: 'ch_anna_1',
        slack_user_id: 'UPRO3',
        lead_id: 'lead_anna',
        client_first_name: 'Anna',
        client_last_name: 'Neri',
        client_phone: null,
        charged_at: '2026-11-12T09:00:00+01:00',
      }),
      charge({
        charge_id: 'ch_anna_2',
        slack_user_id: 'UPRO3',
        lead_id: 'lead_anna',
        client_first_name: 'Anna',
        client_last_name: 'Neri',
        client_phone: null,
        charged_at: '2026-11-12T11:00:00+01:00',
      }),
    ]);
    await submit(
      app,
      { clientFirstName: 'Anna', clientLastName: 'Neri', clientPhone: null, answeredOn: '2026-11-12' },
      { user: 'UPRO3' },
    );
    expect((await claims())[2]).toMatchObject({ professional_id: 'UPRO3', status: 'approved' });
  });
});

describe('"Annulla rimborso" on an automatic approval', () => {
  async function approvedAutomatically() {
    receiver = marketplaceReceiver(MARKETPLACE, '/refunds');
    const app = await start();
    await loadCharges(app, CASES.first_mistake.charges);
    await submit(app, { reason: 'sent_by_mistake' });
    await eventually(() => expect(reviewPosts(app)).toHaveLength(1));
    await eventually(() => expect(receiver.deliveries).toHaveLength(1));
    const [claim] = await claims();
    if (!claim) throw new Error('no claim');
    return { app, claim };
  }
  const clickReverse = (app: TestApp, claimId: string, user: string) =>
    app.send.interaction(buildBlockAction({ actionId: REVERSE_ACTION_ID, value: claimId, user }));
  const submitReason = async (
    app: TestApp,
    privateMetadata: string,
    user: string,
    reason = 'Il cliente ha confermato che la risposta era voluta.',
  ) => {
    const res = await app.send.interaction(
      buildViewSubmission({
        user,
        callbackId: REVERSE_MODAL_CALLBACK_ID,
        privateMetadata,
        values: {
          [REVERSE_REASON_BLOCK_ID]: { [REVERSE_REASON_ACTION_ID]: { type: 'plain_text_input', value: reason } },
        },
      }),
    );
    return (await res.json().catch(() => ({}))) as { response_action?: string; errors?: Record<string, string> };
  };
  async function openModal(app: TestApp, claimId: string, user = 'UREVIEWER1') {
    await clickReverse(app, claimId, user);
    await eventually(() => expect(app.slack.calls('views.open')).toHaveLength(1));
    return (app.slack.calls('views.open')[0]?.args.view as { private_metadata: string }).private_metadata;
  }

  it('a reviewer gives the reason: a reversing credit entry, a signed refund.reversed webhook, the DM, the messages updated, audited', async () => {
    const { app, claim } = await approvedAutomatically();
    const metadata = await openModal(app, claim.id);
    expect(await submitReason(app, metadata, 'UREVIEWER1')).toEqual({});

    const reversed = (await claims())[0];
    expect(reversed).toMatchObject({
      status: 'reversed',
      reversed_by: 'UREVIEWER1',
      reversal_reason: 'Il cliente ha confermato che la risposta era voluta.',
    });
    expect((await creditEntries()).map((e) => [e.kind, e.credits, e.charge_id])).toEqual([
      ['refund', 12, 'ch_1'],
      ['reversal', -12, 'ch_1'],
    ]);
    await eventually(() => expect(receiver.deliveries).toHaveLength(2));
    const reversal = receiver.deliveries[1];
    expect(isSignedWith(reversal, WEBHOOK_SECRET)).toBe(true);
    expect(reversal?.idempotencyKey).toBe(`${claim.reference}:reversed`);
    expect(receiver.bodies()[1]).toMatchObject({
      type: 'refund.reversed',
      claim_reference: claim.reference,
      credits: 12,
      charge_id: 'ch_1',
    });

    await eventually(() => expect(dmsTo(app, 'UPRO')).toHaveLength(2));
    expect(String(dmsTo(app, 'UPRO')[1]?.args.text)).toContain('è stato annullato');
    expect(String(dmsTo(app, 'UPRO')[1]?.args.text)).toContain('la risposta era voluta');
    await eventually(() => expect(app.slack.calls('chat.update')).toHaveLength(1));
    const updated = blocksOf(app.slack.calls('chat.update')[0]);
    expect(updated).toContain('Rimborso annullato da <@UREVIEWER1>');
    expect(updated).not.toContain(REVERSE_ACTION_ID);
    expect((await claimEvents(db(), claim.id)).filter((e) => e.kind === 'reversed')).toEqual([
      expect.objectContaining({ actor: 'UREVIEWER1' }),
    ]);
  });

  it.each([
    ['the claimant, even as a channel member', 'UPRO', 'una tua segnalazione'],
    ['someone who is not a reviewer', 'UOUTSIDER', 'Solo i revisori'],
  ])('is refused for %s, privately and audited', async (_who, user, text) => {
    const { app, claim } = await approvedAutomatically();
    await clickReverse(app, claim.id, user);
    await eventually(() => expect(app.slack.calls(RESPONSE_URL_METHOD)).toHaveLength(1));
    expect(String(app.slack.calls(RESPONSE_URL_METHOD)[0]?.args.text)).toContain(text);
    expect(app.slack.calls('views.open')).toEqual([]);
    expect((await claimEvents(db(), claim.id)).filter((e) => e.kind === 'refused_click')).toEqual([
      expect.objectContaining({ actor: user }),
    ]);
    expect((await claims())[0]?.status).toBe('approved');
  });

  it('is refused after AUTO_APPROVE_REVERSAL_DAYS, also from a modal opened in time', async () => {
    const { app, claim } = await approvedAutomatically();
    const metadata = await openModal(app, claim.id);
    app.clock.now = new Date(NOW.getTime() + 7 * DAY_MS + 1000);
    const ack = await submitReason(app, metadata, 'UREVIEWER1');
    expect(ack.errors?.[REVERSE_REASON_BLOCK_ID]).toContain('non si può più annullare');
    await clickReverse(app, claim.id, 'UREVIEWER2');
    await eventually(() => expect(app.slack.calls(RESPONSE_URL_METHOD)).toHaveLength(1));
    expect(String(app.slack.calls(RESPONSE_URL_METHOD)[0]?.args.text)).toContain('non si può più annullare');
    expect((await claims())[0]?.status).toBe('approved');
    expect(await creditEntries()).toHaveLength(1);
  });

  it('only automatic approvals can be reversed', async () => {
    const app = await start({ AUTO_APPROVE: '' });
    await loadCharges(app, CASES.first_mistake.charges);
    await submit(app, { reason: 'sent_by_mistake' });
    const [pending] = await claims();
    await app.send.interaction(
      buildBlockAction({ actionId: APPROVE_ACTION_ID, value: pending?.id ?? '', user: 'UREVIEWER1' }),
    );
    await eventually(async () => expect((await claims())[0]?.status).toBe('approved'));
    await clickReverse(app, pending?.id ?? '', 'UREVIEWER2');
    await eventually(() => expect(app.slack.calls(RESPONSE_URL_METHOD)).toHaveLength(1));
    expect(String(app.slack.calls(RESPONSE_URL_METHOD)[0]?.args.text)).toContain(
      'Si possono annullare solo i rimborsi approvati automaticamente',
    );
    expect((await claims())[0]?.status).toBe('approved');
  });

  it('the same claim sent again after a reversal is never approved automatically again', async () => {
    const { app, claim } = await approvedAutomatically();
    const metadata = await openModal(app, claim.id);
    await submitReason(app, metadata, 'UREVIEWER1');
    await eventually(async () => expect((await claims())[0]?.status).toBe('reversed'));
    await submit(app, { reason: 'sent_by_mistake' });
    const again = (await claims())[1];
    expect(again?.status).toBe('pending_review');
    expect(findingsOf(again?.verdict)).toContain('auto_withheld_charge_refunded_before');
    expect(await creditEntries()).toHaveLength(2);
  });

  it('concurrent reversals give one reversal', async () => {
    const { app, claim } = await approvedAutomatically();
    const metadata = await openModal(app, claim.id);
    const acks = await Promise.all([
      submitReason(app, metadata, 'UREVIEWER1'),
      submitReason(app, metadata, 'UREVIEWER2'),
      submitReason(app, metadata, 'UREVIEWER1'),
      submitReason(app, metadata, 'UREVIEWER2'),
    ]);
    expect(acks.filter((ack) => ack.response_action === undefined)).toHaveLength(1);
    expect(acks.filter((ack) => ack.errors?.[REVERSE_REASON_BLOCK_ID]?.includes('è già stato annullato'))).toHaveLength(
      3,
    );
    expect((await creditEntries()).filter((e) => e.kind === 'reversal')).toHaveLength(1);
    await eventually(() => expect(receiver.deliveries).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.deliveries).toHaveLength(2);
    expect(dmsTo(app, 'UPRO')).toHaveLength(2);
    expect((await claimEvents(db(), claim.id)).filter((e) => e.kind === 'reversed')).toHaveLength(1);
  });
});

describe('two instances and replays approve once', () => {
  it('the same submission delivered to two instances at once makes one claim, one refund, one webhook, one DM', async () => {
    receiver = marketplaceReceiver(MARKETPLACE, '/refunds');
    const first = await start();
    const second = await start();
    await loadCharges(first, CASES.first_mistake.charges);
    const payload = buildViewSubmission({
      viewId: 'VREPLAYED1',
      values: buildRefundStateValues({ reason: 'sent_by_mistake' }),
    });
    const acks = await Promise.all([
      first.send.interaction(payload),
      second.send.interaction(payload),
      first.send.interaction(payload),
    ]);
    for (const ack of acks) expect(JSON.stringify(await ack.json())).toContain('è stata approvata');
    expect(await claims()).toHaveLength(1);
    expect(await creditEntries()).toHaveLength(1);
    await eventually(() => expect(receiver.deliveries).toHaveLength(1));
    await eventually(() => expect(dmsTo(first, 'UPRO').length + dmsTo(second, 'UPRO').length).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.deliveries).toHaveLength(1);
    expect(dmsTo(first, 'UPRO').length + dmsTo(second, 'UPRO').length).toBe(1);
  });

  it('professionals submitting at once on two instances never pass the daily cap together', async () => {
    const first = await start({ AUTO_APPROVE_DAILY_CREDITS: '20' });
    const second = await start({ AUTO_APPROVE_DAILY_CREDITS: '20' });
    const users = ['UPRO', 'UPRO2', 'UPRO3', 'UPRO4'];
    await loadCharges(
      first,
      users.flatMap((user) => lucaCharges(user)),
    );
    await Promise.all(users.map((user, i) => submit(i % 2 === 0 ? first : second, LUCA, { user })));
    const stored = await claims();
    expect(stored).toHaveLength(4);
    expect(stored.filter((c) => c.status === 'approved')).toHaveLength(1);
    expect(stored.filter((c) => findingsOf(c.verdict).includes('auto_withheld_daily_cap'))).toHaveLength(3);
    expect(await creditEntries()).toHaveLength(1);
  });
});
