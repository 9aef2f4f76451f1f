import { describe, expect, it } from 'vitest';
import { buildSlashCommand } from '../../src/sandbox/slack-payloads.ts';
import { enqueueMessages } from '../../src/db/outbox.repository.ts';
import { outboxMetadata } from '../../src/delivery/find-posted-message.ts';
import { leaseAsDeadInstance, outliveDeadLease } from '../support/dead-instance.ts';
import { insertStoryClaims } from '../support/ops-story.ts';
import { useSharedDatabase } from '../support/shared-database.ts';
import { eventually, REVIEW_CHANNEL, type TestApp } from '../support/test-app.ts';

const shared = useSharedDatabase();

// The week of 23–29 November 2026; its report is due on Monday 30 November at 09:00 in Rome (08:00Z).
async function playWeek() {
  const db = shared.database.db;
  await insertStoryClaims(db, [
    {
      reference: 'RIM-2026-000001',
      professionalId: 'UPRO1',
      reason: 'no_grazie',
      status: 'approved',
      credits: 10,
      submittedAt: '2026-11-23T10:00:00Z',
      decidedAt: '2026-11-24T15:00:00Z',
      deadline: '2026-12-07',
    },
    {
      reference: 'RIM-2026-000002',
      professionalId: 'UPRO1',
      reason: 'details_changed',
      status: 'rejected',
      credits: 6,
      submittedAt: '2026-11-10T10:00:00Z',
      decidedAt: '2026-11-25T10:00:00Z',
      deadline: '2026-11-24',
    },
    {
      reference: 'RIM-2026-000003',
      professionalId: 'UPRO2',
      reason: 'no_grazie',
      status: 'pending_review',
      credits: 3,
      submittedAt: '2026-11-25T10:00:00Z',
      deadline: '2026-12-09',
    },
    {
      reference: 'RIM-2026-000004',
      professionalId: 'UPRO2',
      reason: 'sent_by_mistake',
      status: 'ineligible',
      credits: 2,
      submittedAt: '2026-11-26T10:00:00Z',
    },
    {
      reference: 'RIM-2026-000005',
      professionalId: 'UPRO3',
      reason: 'answered_twice',
      status: 'pending_review',
      credits: 5,
      submittedAt: '2026-11-02T10:00:00Z',
      deadline: '2026-11-16',
    },
    {
      reference: 'RIM-2026-000006',
      professionalId: 'UPRO2',
      reason: 'no_grazie',
      status: 'approved',
      credits: 4,
      submittedAt: '2026-11-20T10:00:00Z',
      decidedAt: '2026-11-27T10:00:00Z',
      deadline: '2026-12-04',
    },
    {
      reference: 'RIM-2026-000007',
      professionalId: 'UPRO3',
      reason: 'no_grazie',
      status: 'approved',
      credits: 9,
      submittedAt: '2026-11-16T10:00:00Z',
      decidedAt: '2026-11-18T10:00:00Z',
      deadline: '2026-11-30',
    },
  ]);
  const charge = (id: string, professional: string, credits: number, at: string) => ({
    charge_id: id,
    professional_id: professional,
    lead_id: id,
    client_first_name: 'A',
    client_last_name: 'B',
    client_key: 'a b',
    client_phone: null,
    client_phone_key: null,
    service: 'S',
    service_key: 's',
    lead_received_at: new Date(at),
    charged_at: new Date(at),
    credits,
    trigger: 'phone_answer' as const,
    imported_at: new Date(at),
  });
  await db
    .insertInto('charges')
    .values([
      charge('c1', 'UPRO1', 40, '2026-11-23T09:00:00Z'),
      charge('c2', 'UPRO2', 8, '2026-11-24T09:00:00Z'),
      charge('c3', 'UPRO2', 100, '2026-11-10T09:00:00Z'),
    ])
    .execute();
}

const EXPECTED_FIGURES = {
  period: { kind: 'week', from: '2026-11-23', to: '2026-11-29' },
  received: { total: 3, toReview: 2, ineligible: 1 },
  decided: { total: 3, approved: 2, rejected: 1, withinDeadline: 2, withinDeadlineShare: 2 / 3, medianBusinessDays: 5 },
  byReason: [
    { reason: 'no_grazie', received: 2, ineligible: 0, approved: 2, rejected: 0 },
    { reason: 'details_changed', received: 0, ineligible: 0, approved: 0, rejected: 1 },
    { reason: 'sent_by_mistake', received: 1, ineligible: 1, approved: 0, rejected: 0 },
  ],
  creditsRefunded: 14,
  overdueNow: 1,
  topProfessionals: [
    { professionalId: 'UPRO2', creditsRefunded: 4, creditsCharged: 8, share: 0.5 },
    { professionalId: 'UPRO1', creditsRefunded: 10, creditsCharged: 40, share: 0.25 },
  ],
};

const reportRows = () =>
  shared.database.db
    .selectFrom('outbox')
    .select(['dedupe_key', 'payload', 'status'])
    .where('kind', '=', 'weekly_report')
    .orderBy('dedupe_key')
    .execute();
const reportPosts = (apps: TestApp[]) =>
  apps.flatMap((app) =>
    app.slack
      .calls('chat.postMessage')
      .filter((c) => c.args.channel === REVIEW_CHANNEL && String(c.args.text).startsWith('Rimborsi della settimana')),
  );
const setClock = (apps: TestApp[], at: string) => apps.forEach((app) => (app.clock.now = new Date(at)));

describe('the weekly report', () => {
  it('is posted once on Monday at 09:00 Rome by two instances, with the week’s figures; a restart and a moved clock neither repeat nor skip it', async () => {
    await playWeek();
    const first = await shared.start({ now: new Date('2026-11-30T07:59:00Z') });
    const second = await shared.start({ now: new Date('2026-11-30T07:59:00Z') });
    await Promise.all([first.application.sweeper.sweepOnce(), second.application.sweeper.sweepOnce()]);
    // Before 09:00 the report due is the previous Monday's (a new database never sent it): not this week's.
    expect((await reportRows()).map((r) => r.dedupe_key)).toEqual(['weekly_report:2026-W47']);

    setClock([first, second], '2026-11-30T08:00:30Z');
    await Promise.all([
      first.application.sweeper.sweepOnce(),
      second.application.sweeper.sweepOnce(),
      first.application.sweeper.sweepOnce(),
    ]);
    await eventually(async () => expect((await reportRows()).every((r) => r.status === 'delivered')).toBe(true));
    const rows = await reportRows();
    expect(rows.map((r) => r.dedupe_key)).toEqual(['weekly_report:2026-W47', 'weekly_report:2026-W48']);
    expect((rows[1]?.payload as { figures: unknown }).figures).toEqual(EXPECTED_FIGURES);

    const posts = reportPosts([first, second]).filter((c) => String(c.args.text).includes('23 novembre 2026'));
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]?.args.blocks);
    expect(text).toContain('*Decise entro la scadenza:* 67% (2 su 3)');
    expect(text).toContain('*Tempo mediano fino alla decisione:* 5 giorni lavorativi');
    expect(text).toContain('*Crediti rimborsati:* 14');
    expect(text).toContain('*Oltre la scadenza adesso:* 1');
    expect(text).toContain('<@UPRO2>: 4 crediti rimborsati su 8 addebitati (50%)');

    // A restart later that Monday, and the clock moved a week on: the next report, once.
    await shared.stop(first);
    const restarted = await shared.start({ now: new Date('2026-11-30T15:00:00Z') });
    await restarted.application.sweeper.sweepOnce();
    expect(await reportRows()).toHaveLength(2);
    await insertStoryClaims(shared.database.db, [
      {
        reference: 'RIM-2026-000008',
        professionalId: 'UPRO1',
        reason: 'no_grazie',
        status: 'pending_review',
        credits: 2,
        submittedAt: '2026-12-02T10:00:00Z',
        deadline: '2026-12-17',
      },
    ]);
    setClock([restarted, second], '2026-12-07T09:30:00Z');
    await Promise.all([restarted.application.sweeper.sweepOnce(), second.application.sweeper.sweepOnce()]);
    expect((await reportRows()).map((r) => r.dedupe_key)).toEqual([
      'weekly_report:2026-W47',
      'weekly_report:2026-W48',
      'weekly_report:2026-W49',
    ]);
  });
});

describe('/rimborso report', () => {
  it.each([
    ['report', 'Rimborsi della settimana dal 23 novembre 2026 al 29 novembre 2026'],
    ['report settimana', 'Rimborsi della settimana dal 23 novembre 2026 al 29 novembre 2026'],
    ['report mese', 'Rimborsi del mese, dal 1 ottobre 2026 al 31 ottobre 2026'],
  ])('"/rimborso %s" shows a reviewer the report, privately', async (text, header) => {
    await playWeek();
    const app = await shared.start({ now: new Date('2026-11-30T10:00:00Z') });
    const res = await app.send.slashCommand(buildSlashCommand({ text, user_id: 'UREVIEWER1' }));
    const body = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain(header);
    if (text !== 'report mese')
      expect(JSON.stringify(body.blocks)).toContain('*Ricevute:* 3 — 2 passate all’esame, 1 non ammissibili');
    expect(app.slack.calls('views.open')).toEqual([]);
  });

  it('tells anyone else that the report is for reviewers, and shows no figure', async () => {
    await playWeek();
    const app = await shared.start({ now: new Date('2026-11-30T10:00:00Z') });
    const res = await app.send.slashCommand(buildSlashCommand({ text: 'report', user_id: 'UOUTSIDER' }));
    const body = (await res.json()) as { response_type: string; text: string; blocks?: unknown[] };
    expect(body).toEqual({
      response_type: 'ephemeral',
      text: 'Il resoconto dei rimborsi è riservato a chi esamina le richieste.',
    });
  });
});

describe('a week with no claim', () => {
  it('gets no report', async () => {
    await insertStoryClaims(shared.database.db, [
      {
        reference: 'RIM-2026-000009',
        professionalId: 'UPRO3',
        reason: 'no_grazie',
        status: 'pending_review',
        credits: 5,
        submittedAt: '2026-11-02T10:00:00Z',
        deadline: '2026-11-16',
      },
    ]);
    const app = await shared.start({ now: new Date('2026-11-30T08:30:00Z') });
    await app.application.sweeper.sweepOnce();
    expect(await reportRows()).toEqual([]);
  });

  it('a report whose lease expired with the post already in the channel is found by its metadata, not posted again', async () => {
    const app = await shared.start({ now: new Date('2026-11-30T08:00:30Z') });
    await app.application.worker.stop();
    await enqueueMessages(
      shared.database.db,
      [{ claimId: null, kind: 'weekly_report', variant: '2026-W48', payload: { figures: EXPECTED_FIGURES } }],
      app.clock.now,
    );
    const report = await leaseAsDeadInstance(shared.database.db, app.clock.now, 'weekly_report');
    app.slack.accept('chat.postMessage', {
      channel: REVIEW_CHANNEL,
      text: 'Rimborsi della settimana',
      metadata: outboxMetadata(report.id),
    });

    outliveDeadLease(app);
    await eventually(async () => expect((await reportRows()).map((r) => r.status)).toEqual(['delivered']));
    expect(app.slack.messagesIn(REVIEW_CHANNEL)).toHaveLength(1);
    expect(app.slack.calls('chat.postMessage')).toEqual([]);
    expect(app.slack.calls('conversations.history').map((c) => c.args.channel)).toEqual([REVIEW_CHANNEL]);
  });

  it('every report posted carries its outbox id as metadata', async () => {
    const app = await shared.start({ now: new Date('2026-11-30T08:00:30Z') });
    await enqueueMessages(
      shared.database.db,
      [{ claimId: null, kind: 'weekly_report', variant: '2026-W48', payload: { figures: EXPECTED_FIGURES } }],
      app.clock.now,
    );
    app.application.worker.wake();
    const [post] = await eventually(() => {
      const posts = reportPosts([app]);
      expect(posts).toHaveLength(1);
      return posts;
    });
    const [row] = await shared.database.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'weekly_report')
      .execute();
    expect(post?.args.metadata).toEqual(outboxMetadata(row?.id ?? ''));
  });
});
