/**
 * Sandbox: the `npm run demo` script (`-- --socket` for Socket Mode). It plays the refund story step by step
 * against the real app in demo-world.ts, prints what each person sees in Slack, and exits non-zero when a
 * step does not happen.
 */
import { addDays, romeDateOf, romeInstant } from '../domain/rome-calendar.ts';
import { insertCharges } from '../db/charge.repository.ts';
import { REVERSE_ACTION_ID } from '../slack/messages/auto-approval-blocks.ts';
import {
  REVERSE_MODAL_CALLBACK_ID,
  REVERSE_REASON_ACTION_ID,
  REVERSE_REASON_BLOCK_ID,
} from '../slack/views/reverse-modal.ts';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID } from '../slack/messages/review-message.ts';
import {
  REJECT_MODAL_CALLBACK_ID,
  REJECT_REASON_ACTION_ID,
  REJECT_REASON_BLOCK_ID,
} from '../slack/views/reject-modal.ts';
import {
  DemoStepFailed,
  NAMES,
  PEOPLE,
  REVIEW_CHANNEL,
  SUPPORT_EMAIL,
  startDemoWorld,
  waitFor,
  type DemoWorld,
} from './demo-world.ts';
import { renderMessage, renderModal } from './render-block-kit.ts';
import type { SlackCall } from './slack-api-double.ts';
import {
  buildBlockAction,
  buildEventEnvelope,
  buildRefundStateValues,
  buildSlashCommand,
  buildViewSubmission,
  type StateOverrides,
} from './slack-payloads.ts';

/**
 * `npm run demo`: the whole story through signed HTTP requests into the real app, printing what each
 * person sees. Exits non-zero when a step does not happen as expected. `npm run demo -- --socket`
 * plays it in Socket Mode: the same requests as envelopes over the Socket Mode stand-in's WebSocket.
 */
const out = (line = '') => process.stdout.write(`${line}\n`);
const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `    │ ${line}`)
    .join('\n');
let stepNumber = 0;

function step(title: string) {
  stepNumber += 1;
  out(`\n▶ ${stepNumber}. ${title}`);
}
function sees(who: string, where: string, text: string) {
  out(`  ${who} — ${where}:`);
  out(indent(text));
}
function expectThat(condition: unknown, what: string): void {
  if (!condition) throw new DemoStepFailed(what);
}

async function run(world: DemoWorld) {
  const { send, slack, db, clock } = world;
  let seen = 0;
  /** The Slack calls of `method` made since the previous step's mark. */
  const newCalls = (method: string, where?: (call: SlackCall) => boolean) =>
    slack
      .calls()
      .slice(seen)
      .filter((c) => c.method === method && (!where || where(c)));
  const mark = () => {
    seen = slack.calls().length;
  };
  const dmTo = (user: string) => (c: SlackCall) => c.args.channel === `D${user}`;
  const inReview = (c: SlackCall) => c.args.channel === REVIEW_CHANNEL && !c.args.thread_ts;
  const today = romeDateOf(clock.now);
  const daysAgo = (n: number) => addDays(today, -n);

  async function submit(fields: StateOverrides) {
    const res = await send.interaction(
      buildViewSubmission({ user: PEOPLE.paola, values: buildRefundStateValues(fields) }),
    );
    expectThat(res.status === 200, `the submission was acknowledged (HTTP ${res.status})`);
    return (await res.json()) as { response_action: string; view?: unknown; errors?: Record<string, string> };
  }
  const latestClaim = () => db.selectFrom('claims').selectAll().orderBy('reference', 'desc').executeTakeFirstOrThrow();

  step('Paola types /rimborso');
  mark();
  await send.slashCommand(buildSlashCommand({ user_id: PEOPLE.paola }));
  const modal = await waitFor('views.open with the refund form', () => newCalls('views.open')[0]);
  sees('Paola', 'the form that opens', renderModal(modal.args.view, NAMES));

  step('Paola sends an eligible claim: the job was in another city');
  mark();
  const accepted = await submit({
    clientFirstName: 'Maria',
    clientLastName: 'Rossi',
    service: 'Imbiancatura',
    receivedOn: daysAgo(4),
    answeredOn: daysAgo(3),
    credits: '8',
    reason: 'details_changed',
    description: 'La cliente ha poi scritto che il lavoro è a Torino, non a Milano come nella richiesta.',
  });
  expectThat(accepted.response_action === 'update', 'the form was replaced by the confirmation');
  sees('Paola', 'the form, after sending', renderModal(accepted.view, NAMES));
  const review = await waitFor(
    'the claim posted in the review channel',
    () => newCalls('chat.postMessage', inReview)[0],
  );
  sees('Reviewers', NAMES[REVIEW_CHANNEL] ?? REVIEW_CHANNEL, renderMessage(review.args, NAMES));
  const confirmation = await waitFor('the confirmation DM', () => newCalls('chat.postMessage', dmTo(PEOPLE.paola))[0]);
  sees('Paola', 'DM from the app', renderMessage(confirmation.args, NAMES));
  const first = await latestClaim();
  expectThat(first.status === 'pending_review', 'the claim waits for review');

  step('Paola sends a claim 31 days after receiving the request');
  mark();
  const refused = await submit({
    clientFirstName: 'Franco',
    clientLastName: 'Neri',
    receivedOn: daysAgo(31),
    answeredOn: daysAgo(30),
  });
  sees('Paola', 'the form, after sending', renderModal(refused.view, NAMES));
  const why = await waitFor('the DM saying why', () => newCalls('chat.postMessage', dmTo(PEOPLE.paola))[0]);
  sees('Paola', 'DM from the app', renderMessage(why.args, NAMES));
  expectThat((await latestClaim()).status === 'ineligible', 'the claim is stored as ineligible');
  expectThat(newCalls('chat.postMessage', inReview).length === 0, 'nothing was posted for review');

  step('Luca, who is not a reviewer, clicks Approva');
  mark();
  await send.interaction(
    buildBlockAction({ actionId: APPROVE_ACTION_ID, value: first.id, user: PEOPLE.luca, channel: REVIEW_CHANNEL }),
  );
  const notYou = await waitFor('the private refusal', () => newCalls('response_url')[0]);
  sees('Luca', 'only visible to him', renderMessage(notYou.args, NAMES));
  expectThat(
    (await db.selectFrom('claims').select('status').where('id', '=', first.id).executeTakeFirstOrThrow()).status ===
      'pending_review',
    'the claim is still pending',
  );

  step('Giulia rejects the claim, giving the reason Paola will read');
  mark();
  await send.interaction(
    buildBlockAction({ actionId: REJECT_ACTION_ID, value: first.id, user: PEOPLE.giulia, channel: REVIEW_CHANNEL }),
  );
  const rejectModal = await waitFor('the reject modal', () => newCalls('views.open')[0]);
  sees('Giulia', 'the modal that opens', renderModal(rejectModal.args.view, NAMES));
  const reason = 'La cliente conferma Milano: il lavoro non è cambiato, i crediti erano dovuti.';
  await send.interaction(
    buildViewSubmission({
      user: PEOPLE.giulia,
      callbackId: REJECT_MODAL_CALLBACK_ID,
      privateMetadata: String((rejectModal.args.view as { private_metadata?: string }).private_metadata),
      values: { [REJECT_REASON_BLOCK_ID]: { [REJECT_REASON_ACTION_ID]: { type: 'plain_text_input', value: reason } } },
    }),
  );
  const updated = await waitFor('the review message updated', () => newCalls('chat.update')[0]);
  sees(
    'Reviewers',
    `${NAMES[REVIEW_CHANNEL]}, the same message after the decision`,
    renderMessage(updated.args, NAMES),
  );
  const rejection = await waitFor('the outcome DM', () => newCalls('chat.postMessage', dmTo(PEOPLE.paola))[0]);
  sees('Paola', 'DM from the app', renderMessage(rejection.args, NAMES));

  step('Paola sends a claim for an answer sent by mistake; Marco approves it');
  mark();
  await submit({
    clientFirstName: 'Carla',
    clientLastName: 'Bianchi',
    service: 'Trasloco',
    receivedOn: daysAgo(2),
    answeredOn: daysAgo(2),
    credits: '5',
    reason: 'sent_by_mistake',
  });
  const second = await latestClaim();
  await waitFor('the claim posted for review', () => newCalls('chat.postMessage', inReview)[0]);
  await send.interaction(
    buildBlockAction({ actionId: APPROVE_ACTION_ID, value: second.id, user: PEOPLE.marco, channel: REVIEW_CHANNEL }),
  );
  const approved = await waitFor('the review message updated', () => newCalls('chat.update')[0]);
  sees('Reviewers', `${NAMES[REVIEW_CHANNEL]}, after the decision`, renderMessage(approved.args, NAMES));
  const credited = await waitFor(
    'the outcome DM',
    () =>
      newCalls(
        'chat.postMessage',
        (c) =>
          dmTo(PEOPLE.paola)(c) &&
          String(c.args.text).includes(second.reference) &&
          String(c.args.text).includes('approvata'),
      )[0],
  );
  sees('Paola', 'DM from the app', renderMessage(credited.args, NAMES));

  step('Paola asks for a refund in a DM to the app instead of the form');
  mark();
  const claimsBefore = (await db.selectFrom('claims').select('id').execute()).length;
  await send.event(
    buildEventEnvelope({
      type: 'message',
      channel: `D${PEOPLE.paola}`,
      channel_type: 'im',
      user: PEOPLE.paola,
      text: 'Buongiorno, vorrei il rimborso dei 10 crediti per il cliente Verdi',
    }),
  );
  const pointer = await waitFor(
    'the answer pointing to the form',
    () => newCalls('chat.postMessage', dmTo(PEOPLE.paola))[0],
  );
  sees('Paola', 'DM from the app', renderMessage(pointer.args, NAMES));
  expectThat(
    (await db.selectFrom('claims').select('id').execute()).length === claimsBefore,
    'no claim was created from the DM',
  );

  step('The marketplace reports Sara’s charges: the same client charged twice on one request, and Sara claims it');
  mark();
  const lead = {
    professionalId: PEOPLE.sara,
    leadId: 'L-DEMO-1',
    clientFirstName: 'Elena',
    clientLastName: 'Conti',
    clientPhone: '+39 340 555 0101',
    service: 'Giardinaggio',
    leadReceivedAt: romeInstant(daysAgo(3), 18),
  };
  await insertCharges(
    db,
    [
      { ...lead, chargeId: 'CH-DEMO-1', chargedAt: romeInstant(daysAgo(2), 10), credits: 7, trigger: 'phone_answer' },
      // "Le successive interazioni con il medesimo cliente non comportano lo scalo dei crediti": a platform error.
      { ...lead, chargeId: 'CH-DEMO-2', chargedAt: romeInstant(daysAgo(2), 15), credits: 7, trigger: 'client_chat' },
    ],
    clock.now,
  );
  const automatic = await send.interaction(
    buildViewSubmission({
      user: PEOPLE.sara,
      values: buildRefundStateValues({
        clientFirstName: 'Elena',
        clientLastName: 'Conti',
        clientPhone: '+39 340 555 0101',
        service: 'Giardinaggio',
        receivedOn: daysAgo(3),
        answeredOn: daysAgo(2),
        credits: '7',
        reason: 'no_grazie',
      }),
    }),
  );
  sees('Sara', 'the form, after sending', renderModal(((await automatic.json()) as { view?: unknown }).view, NAMES));
  const auto = await latestClaim();
  expectThat(
    auto.status === 'approved' && auto.auto_approved_case === 'later_interaction',
    'the policy approved the claim at once',
  );
  const audit = await waitFor(
    'the automatic approval posted for the reviewers to audit',
    () => newCalls('chat.postMessage', inReview)[0],
  );
  sees('Reviewers', NAMES[REVIEW_CHANNEL] ?? REVIEW_CHANNEL, renderMessage(audit.args, NAMES));
  const paid = await waitFor('the DM to Sara', () => newCalls('chat.postMessage', dmTo(PEOPLE.sara))[0]);
  sees('Sara', 'DM from the app', renderMessage(paid.args, NAMES));

  step('Giulia checks it, disagrees and clicks “Annulla rimborso”');
  mark();
  await send.interaction(
    buildBlockAction({ actionId: REVERSE_ACTION_ID, value: auto.id, user: PEOPLE.giulia, channel: REVIEW_CHANNEL }),
  );
  const reverseModal = await waitFor('the modal asking why', () => newCalls('views.open')[0]);
  sees('Giulia', 'the modal that opens', renderModal(reverseModal.args.view, NAMES));
  await send.interaction(
    buildViewSubmission({
      user: PEOPLE.giulia,
      callbackId: REVERSE_MODAL_CALLBACK_ID,
      privateMetadata: String((reverseModal.args.view as { private_metadata?: string }).private_metadata),
      values: {
        [REVERSE_REASON_BLOCK_ID]: {
          [REVERSE_REASON_ACTION_ID]: {
            type: 'plain_text_input',
            value: 'La cliente ha scritto di nuovo dopo 10 giorni per un secondo lavoro: era una nuova richiesta.',
          },
        },
      },
    }),
  );
  const reversedPost = await waitFor('the review message updated', () => newCalls('chat.update')[0]);
  sees(
    'Reviewers',
    `${NAMES[REVIEW_CHANNEL]}, the same message after the reversal`,
    renderMessage(reversedPost.args, NAMES),
  );
  const reversedDm = await waitFor(
    'the DM to Sara with the reason',
    () => newCalls('chat.postMessage', dmTo(PEOPLE.sara))[0],
  );
  sees('Sara', 'DM from the app', renderMessage(reversedDm.args, NAMES));
  const entries = await db
    .selectFrom('credit_entries')
    .select(['credits', 'kind'])
    .where('claim_id', '=', auto.id)
    .orderBy('id')
    .execute();
  expectThat(entries.map((e) => e.credits).join(',') === '7,-7', 'one refund and one reversing credit entry');

  step('Paola writes to the support address instead; SendGrid Inbound Parse posts the email to the app');
  const claimsBeforeEmail = (await db.selectFrom('claims').select('id').execute()).length;
  const paolaAddress = 'paola.bianchi@example.it';
  const email = new FormData();
  email.append('from', `Paola Bianchi <${paolaAddress}>`);
  email.append('to', SUPPORT_EMAIL);
  email.append('subject', 'Rimborso crediti cliente Verdi');
  email.append(
    'headers',
    [
      `From: Paola Bianchi <${paolaAddress}>`,
      `To: ${SUPPORT_EMAIL}`,
      'Subject: Rimborso crediti cliente Verdi',
      'Message-ID: <CAF-demo-1@mail.example.it>',
    ].join('\n'),
  );
  email.append('envelope', JSON.stringify({ to: [SUPPORT_EMAIL], from: paolaAddress }));
  email.append('text', 'Buongiorno, vorrei il rimborso dei 10 crediti per il cliente Verdi.');
  // SendGrid cannot add headers: the token rides in the webhook URL as basic auth (https://sendgrid:TOKEN@…).
  const posted = await fetch(`${world.baseUrl}/inbound/email`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`sendgrid:${world.inboundEmailToken}`).toString('base64')}` },
    body: email,
  });
  expectThat(posted.status === 200, `the webhook was answered 200 (HTTP ${posted.status})`);
  const mail = await waitFor('the reply over SMTP', () => world.smtp.received[0]);
  const header = (name: string) => `${name}: ${mail.header(name.toLowerCase()) ?? '(none)'}`;
  sees(
    'Paola',
    `her inbox (${paolaAddress})`,
    [
      header('From'),
      header('To'),
      header('Subject'),
      header('In-Reply-To'),
      header('Auto-Submitted'),
      '',
      mail.parsed.text ?? '',
    ].join('\n'),
  );
  expectThat(mail.envelope.to.join() === paolaAddress, 'the reply went to Paola');
  expectThat(
    (await db.selectFrom('claims').select('id').execute()).length === claimsBeforeEmail,
    'no claim was created from the email',
  );

  step('A claim nobody decides: the clock moves forward to its reminders and past its deadline');
  mark();
  await submit({
    clientFirstName: 'Giorgio',
    clientLastName: 'Russo',
    service: 'Idraulico',
    receivedOn: daysAgo(1),
    answeredOn: daysAgo(1),
    credits: '6',
    reason: 'answered_twice',
  });
  const waiting = await latestClaim();
  await waitFor('the claim posted for review', () => newCalls('chat.postMessage', inReview)[0]);
  out(`  (deadline of ${waiting.reference}: ${waiting.review_deadline_on})`);
  const notices = await db
    .selectFrom('claim_reminders')
    .selectAll()
    .where('claim_id', '=', waiting.id)
    .orderBy('due_at')
    .execute();
  for (const notice of notices) {
    clock.now = notice.due_at;
    mark();
    await world.application.sweeper.sweepOnce();
    const posted = await waitFor(
      `the ${notice.kind} in the claim's thread`,
      () => newCalls('chat.postMessage', (c) => Boolean(c.args.thread_ts))[0],
    );
    sees(
      'Reviewers',
      `thread of ${waiting.reference}, ${clock.now.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      renderMessage(posted.args, NAMES),
    );
  }
  expectThat(notices.length === 3, 'two reminders and one escalation were planned');
}

const started = Date.now();
const socketMode = process.argv.includes('--socket');
const world = await startDemoWorld({ socketMode }).catch((error: unknown) => {
  out(`✗ the demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
out(
  `Demo: the real app${socketMode ? ' in Socket Mode' : ''} on an embedded PostgreSQL, talking to a local Slack stand-in${socketMode ? ' (Web API and Socket Mode)' : ''} (no network, no credentials).`,
);
let failed = false;
try {
  await run(world);
  out(
    `\n✓ ${stepNumber} steps, ${world.slack.calls().length} Slack API calls, ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
} catch (error) {
  failed = true;
  out(`\n✗ step ${stepNumber} failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await world.stop();
}
process.exit(failed ? 1 : 0);
