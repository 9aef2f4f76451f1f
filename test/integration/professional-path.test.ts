import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  buildBlockSuggestion,
  buildRefundStateValues,
  buildSlashCommand,
  buildViewSubmission,
  withChosenCharge,
} from '../../src/sandbox/slack-payloads.ts';
import { CHARGE_BLOCK_ID } from '../../src/slack/views/charge-select.ts';
import { useSharedDatabase } from '../support/shared-database.ts';
import { REVIEW_CHANNEL, eventually, type TestApp } from '../support/test-app.ts';
import { LEDGER_TOKEN, NO_TYPED_FIELDS, buildChargeInput as charge, loadCharges } from '../support/ledger-fixtures.ts';

// Friday 20 November 2026, 11:00 in Rome.
const NOW = new Date('2026-11-20T10:00:00Z');

const shared = useSharedDatabase();
const start = (env: Record<string, string> = {}) => shared.start({ now: NOW, env: { LEDGER_TOKEN, ...env } });

interface Option {
  text: { text: string };
  value: string;
}
interface OpenedModal {
  private_metadata: string;
  blocks: Array<{
    type: string;
    block_id?: string;
    optional?: boolean;
    element?: { type: string; options?: Option[] };
  }>;
}
async function openForm(app: TestApp): Promise<OpenedModal> {
  const before = app.slack.calls('views.open').length;
  expect((await app.send.slashCommand(buildSlashCommand())).status).toBe(200);
  const call = await eventually(() => {
    const opened = app.slack.calls('views.open')[before];
    expect(opened).toBeDefined();
    return opened;
  });
  return call?.args.view as OpenedModal;
}
const chargeBlock = (modal: OpenedModal) => modal.blocks.find((block) => block.block_id === CHARGE_BLOCK_ID);

interface Ack {
  response_action: string;
  errors?: Record<string, string>;
  view?: unknown;
}
async function submitForm(
  app: TestApp,
  values: unknown,
  options: { user?: string; metadata?: string } = {},
): Promise<Ack> {
  const res = await app.send.interaction(
    buildViewSubmission({ values, user: options.user, privateMetadata: options.metadata ?? '{"chargeList":"static"}' }),
  );
  expect(res.status).toBe(200);
  return (await res.json()) as Ack;
}
const claims = () =>
  shared.database.db.selectFrom('claims').selectAll().orderBy('submitted_at').orderBy('reference').execute();

/** The typed fields left empty, as a professional who picked the charge leaves them. */
const NOTHING_TYPED = buildRefundStateValues(NO_TYPED_FIELDS);

describe('starting from the charge', () => {
  it('a professional with charges opens the form and sees those of the last 30 days, newest first, readable at a glance', async () => {
    const app = await start();
    await loadCharges(app, [
      charge(),
      charge({
        charge_id: 'ch_2',
        lead_id: 'lead_2',
        client_first_name: 'Luca',
        client_last_name: 'Neri',
        service: 'Idraulico',
        charged_at: '2026-11-18T09:00:00+01:00',
        lead_received_at: '2026-11-17T09:00:00+01:00',
        credits: 1,
      }),
      // 40 days ago: outside the 30 days, not offered.
      charge({
        charge_id: 'ch_old',
        lead_id: 'lead_0',
        charged_at: '2026-10-11T09:00:00+02:00',
        lead_received_at: '2026-10-10T09:00:00+02:00',
      }),
      // Someone else's.
      charge({ charge_id: 'ch_other', slack_user_id: 'UOTHER', lead_id: 'lead_9' }),
    ]);
    const modal = await openForm(app);
    const picker = chargeBlock(modal);
    expect(picker).toMatchObject({ type: 'input', optional: true, element: { type: 'static_select' } });
    const options = picker?.element?.options ?? [];
    expect(options.map((o) => o.value)).toEqual(['ch_2', 'ch_1', 'not_listed']);
    expect(options.map((o) => o.text.text)).toEqual([
      'Luca Neri · Idraulico · 18 nov · 1 credito',
      'Maria Rossi · Imbianchino · 10 nov · 12 crediti',
      'Non è nell’elenco: compilo i campi',
    ]);
    for (const option of options) expect(option.text.text.length).toBeLessThanOrEqual(75);
    // What the ledger knows need not be typed; the case still must be given.
    const optional = (id: string) => modal.blocks.find((block) => block.block_id === id)?.optional;
    expect(['client_first_name', 'client_last_name', 'service', 'answered_on', 'credits'].map(optional)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(optional('reason')).toBe(false);
  });

  it('without ledger data the modal is the typed form, as before', async () => {
    const app = await start();
    const modal = await openForm(app);
    expect(chargeBlock(modal)).toBeUndefined();
    expect(modal.blocks.find((block) => block.block_id === 'client_first_name')?.optional).toBe(false);
  });

  it('choosing a charge makes a claim matched to it without typing the client', async () => {
    const app = await start();
    await loadCharges(app, [
      charge(),
      charge({ charge_id: 'ch_2', lead_id: 'lead_2', client_first_name: 'Luca', client_last_name: 'Neri' }),
    ]);
    const ack = await submitForm(app, withChosenCharge(NOTHING_TYPED, 'ch_1'));
    expect(ack.response_action).toBe('update');
    const [claim] = await claims();
    expect(claim).toMatchObject({
      status: 'pending_review',
      client_first_name: 'Maria',
      client_last_name: 'Rossi',
      service: 'Imbianchino',
      answered_on: '2026-11-10',
      received_on: '2026-11-09',
      credits: 12,
      verdict: { kind: 'to_review', matchedChargeId: 'ch_1', chargeChosen: true },
    });
    await eventually(() =>
      expect(app.slack.calls('chat.postMessage').some((c) => c.args.channel === REVIEW_CHANNEL)).toBe(true),
    );
    const review = app.slack.calls('chat.postMessage').find((c) => c.args.channel === REVIEW_CHANNEL);
    expect(JSON.stringify(review?.args.blocks)).toContain('Addebito scelto dal professionista');
  });

  it('a charge id that is not the professional’s is a field error on the picker, and nothing is stored', async () => {
    const app = await start();
    await loadCharges(app, [charge(), charge({ charge_id: 'ch_theirs', slack_user_id: 'UOTHER', lead_id: 'lead_7' })]);
    const ack = await submitForm(app, withChosenCharge(NOTHING_TYPED, 'ch_theirs'));
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors ?? {})).toEqual([CHARGE_BLOCK_ID]);
    expect(await claims()).toEqual([]);
  });

  it('"not in the list" keeps the typed fields, and they are required then', async () => {
    const app = await start();
    await loadCharges(app, [charge()]);
    const ack = await submitForm(app, withChosenCharge(NOTHING_TYPED, 'not_listed'));
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors ?? {}).sort()).toEqual([
      'answered_on',
      'client_first_name',
      'client_last_name',
      'credits',
      'service',
    ]);
    const typed = await submitForm(app, withChosenCharge(buildRefundStateValues(), 'not_listed'));
    expect(typed.response_action).toBe('update');
    expect((await claims())[0]?.verdict).toMatchObject({ matchedChargeId: 'ch_1' });
    expect((await claims())[0]?.verdict).not.toHaveProperty('chargeChosen');
  });

  it('with more charges than a select holds, the picker is a typeahead that finds them by client or service', async () => {
    const app = await start();
    const many = Array.from({ length: 120 }, (_, i) =>
      charge({
        charge_id: `ch_${i}`,
        lead_id: `lead_${i}`,
        client_first_name: i === 7 ? 'Giulia' : 'Mario',
        client_last_name: i === 7 ? 'D’Amico' : `Bianchi${i}`,
        service: i === 7 ? 'Trasloco' : 'Imbianchino',
        charged_at: `2026-11-${String(1 + (i % 19)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00+01:00`,
        lead_received_at: '2026-10-31T09:00:00+01:00',
      }),
    );
    await loadCharges(app, many);
    expect(chargeBlock(await openForm(app))?.element?.type).toBe('external_select');

    const res = await app.send.interaction(buildBlockSuggestion({ value: 'giulia trasl' }));
    expect(res.status).toBe(200);
    const found = (await res.json()) as { options: Option[] };
    expect(found.options.map((o) => o.value)).toEqual(['not_listed', 'ch_7']);

    const all = (await (await app.send.interaction(buildBlockSuggestion({ value: '' }))).json()) as {
      options: Option[];
    };
    expect(all.options).toHaveLength(100);
    // Another professional's typeahead never shows these charges.
    const theirs = (await (await app.send.interaction(buildBlockSuggestion({ value: '', user: 'UOTHER' }))).json()) as {
      options: Option[];
    };
    expect(theirs.options.map((o) => o.value)).toEqual(['not_listed']);
  });

  it('a charges query that hangs does not hold the modal past the trigger: it opens without the list', async () => {
    const app = await start();
    await loadCharges(app, [charge()]);
    // A fault: another session holds the charges table, so the query waits on the lock.
    const blocker = await shared.database.db.connection().execute(async (conn) => {
      await sql`BEGIN`.execute(conn);
      await sql`LOCK TABLE charges IN ACCESS EXCLUSIVE MODE`.execute(conn);
      const started = Date.now();
      try {
        const modal = await openForm(app);
        return { modal, elapsed: Date.now() - started };
      } finally {
        await sql`ROLLBACK`.execute(conn);
      }
    });
    expect(blocker.elapsed).toBeLessThan(2500);
    expect(chargeBlock(blocker.modal)).toBeUndefined();
  });
});

describe('correct, don’t refuse', () => {
  it('credits above the charge give a field error and store nothing, also when the charge was picked', async () => {
    const app = await start();
    await loadCharges(app, [charge({ credits: 5 })]);
    const ack = await submitForm(
      app,
      withChosenCharge(buildRefundStateValues({ clientFirstName: null, credits: '9' }), 'ch_1'),
    );
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { credits: 'Per questa risposta ti sono stati scalati 5 crediti: puoi chiederne al massimo 5.' },
    });
    expect(await claims()).toEqual([]);
    // Corrected, it goes through.
    expect(
      (await submitForm(app, withChosenCharge(buildRefundStateValues({ credits: '5' }), 'ch_1'))).response_action,
    ).toBe('update');
    expect(await claims()).toHaveLength(1);
  });

  it('no charge for that client and date: check the name and the date, or choose the charge from the list', async () => {
    const app = await start();
    await loadCharges(app, [charge()]);
    const ack = await submitForm(
      app,
      buildRefundStateValues({ clientFirstName: 'Giovanni', clientLastName: 'Verdi', clientPhone: null }),
    );
    expect(ack).toEqual({
      response_action: 'errors',
      errors: {
        [CHARGE_BLOCK_ID]:
          'Non troviamo un addebito di crediti per questo cliente in questa data: controlla il nome e la data, oppure scegli l’addebito dall’elenco.',
      },
    });
    expect(await claims()).toEqual([]);
  });

  it('day 31 counted from the ledger’s lead still makes the claim ineligible: no correction changes it', async () => {
    const app = await start();
    await loadCharges(app, [charge({ lead_received_at: '2026-10-15T09:00:00+02:00' })]);
    const ack = await submitForm(app, withChosenCharge(NOTHING_TYPED, 'ch_1'));
    expect(ack.response_action).toBe('update');
    expect((await claims())[0]).toMatchObject({ status: 'ineligible', verdict: { rule: 'window_expired' } });
  });
});

describe('at most MAX_PENDING_CLAIMS pending claims', () => {
  const claimFor = (i: number) =>
    buildRefundStateValues({ clientFirstName: `Cliente${i}`, clientLastName: 'Prova', clientPhone: null });

  it('the sixth pending claim is a field error naming the five pending', async () => {
    const app = await start();
    for (let i = 1; i <= 5; i += 1)
      expect((await submitForm(app, claimFor(i), { metadata: '' })).response_action).toBe('update');
    const ack = await submitForm(app, claimFor(6), { metadata: '' });
    expect(ack.response_action).toBe('errors');
    const references = (await claims()).map((c) => c.reference);
    expect(references).toHaveLength(5);
    expect(ack.errors?.client_first_name).toBe(
      `Hai già 5 segnalazioni in attesa di esito (${references.join(', ')}): se ne possono avere al massimo 5 alla volta. Potrai inviare questa quando il team avrà deciso su una di quelle.`,
    );
    // Another professional is not held back by them.
    expect((await submitForm(app, claimFor(6), { user: 'UOTHER', metadata: '' })).response_action).toBe('update');
  });

  it('30 claims sent within a moment leave exactly the limit pending (MAX_PENDING_CLAIMS=3 here)', async () => {
    const app = await start({ MAX_PENDING_CLAIMS: '3' });
    // The submissions of one professional take their lock one after the other: on a loaded machine the
    // last of 30 can pass Bolt's 3-second limit and get HTTP 404 (Slack would show its own error) while
    // its write still runs. What must hold either way: never more than the limit stored.
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.send.interaction(buildViewSubmission({ values: claimFor(i), privateMetadata: '' })),
      ),
    );
    expect(responses.every((res) => res.status === 200 || res.status === 404)).toBe(true);
    const acks = await Promise.all(
      responses.filter((res) => res.status === 200).map((res) => res.json() as Promise<Ack>),
    );
    expect(acks.length).toBeGreaterThan(0);
    expect(acks.filter((a) => a.response_action === 'update').length).toBeLessThanOrEqual(3);
    expect(acks.every((a) => a.response_action === 'update' || a.response_action === 'errors')).toBe(true);
    // A submission answered 404 may still be writing: wait for the writes, then count.
    await eventually(async () => expect((await claims()).filter((c) => c.status === 'pending_review')).toHaveLength(3));
    expect(await claims()).toHaveLength(3);
  });
});
