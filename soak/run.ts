import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import pg from 'pg';
import { createSlackSender, signSlackRequest } from '../src/sandbox/signed-requests.ts';
import { buildBlockAction, buildRefundStateValues, buildViewSubmission } from '../src/sandbox/slack-payloads.ts';
import { startSlackStandIn, type SlackStandIn } from '../src/sandbox/slack-stand-in.ts';
import type { Reply } from '../src/sandbox/slack-api-double.ts';
import { APPROVE_ACTION_ID } from '../src/slack/messages/review-message.ts';
import { REJECT_MODAL_CALLBACK_ID, buildRejectModal } from '../src/slack/views/reject-modal.ts';
import { hostileBody } from '../test/support/hostile-bodies.ts';
import { readSoakEnv } from './env.ts';
import { checkInvariants, formatFigures, type Click, type Counters } from './invariants.ts';
import { killHard, launch, sleep, startMarketplace, startPostgres, type Instance } from './world.ts';

/**
 * `npm run soak`: the app as two real processes on one database, under faults injected at random
 * points — kill -9 right after a click or right after Slack accepted a message (then started again),
 * PostgreSQL restarted mid-traffic, the Slack stand-in answering 429, 5xx, 5xx after accepting, or
 * hanging — then checks from the database and the stand-in's record that nothing acked was lost and
 * nothing was sent twice. SOAK_SECONDS (default 180) of traffic; figures to stdout and SOAK_RESULTS.
 */
const SOAK_ENV = readSoakEnv();
const SECONDS = SOAK_ENV.seconds;
const SECRET = 'soak-signing-secret-0123456789abcdef';
const ROOT = resolve(import.meta.dirname, '..');
const random = () => Math.random();
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const counters: Counters = {
  killsAfterClick: 0,
  killsAfterSend: 0,
  appRestarts: 0,
  postgresRestarts: 0,
  faults: { rate_limited: 0, server_error: 0, answer_lost: 0, hang: 0 },
  hostileSent: 0,
  hostile5xx: 0,
  submissions: 0,
  submissionsAcked: 0,
};
const clicks: Click[] = [];

async function main() {
  const outDir = join(ROOT, 'node_modules/.cache', `rimborso-soak-${randomBytes(4).toString('hex')}`);
  const pgDir = join(tmpdir(), `rimborso-soak-pg-${randomBytes(4).toString('hex')}`);
  console.log('building dist (tsc)…');
  await promisify(execFile)(process.execPath, [
    join(ROOT, 'node_modules/typescript/bin/tsc'),
    '-p',
    join(ROOT, 'tsconfig.build.json'),
    '--outDir',
    outDir,
  ]);
  const pgPort = 20_000 + Math.floor(random() * 20_000);
  let postgres = await startPostgres(pgDir, pgPort);
  const slack = await startSlackStandIn({ channelMembers: ['UREVIEWER1', 'UREVIEWER2'] });
  const marketplace = await startMarketplace();
  const origin = new URL(slack.apiUrl).origin;
  const env: Record<string, string> = {
    PATH: SOAK_ENV.path,
    NODE_ENV: 'production',
    SLACK_BOT_TOKEN: 'xoxb-soak-token-0123456789',
    SLACK_SIGNING_SECRET: SECRET,
    REVIEW_CHANNEL_ID: 'CREVIEW',
    INBOUND_EMAIL_TOKEN: 'soak-inbound-token-0123456789abcdef',
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: postgres.url,
    REFUND_WEBHOOK_URL: marketplace.url,
    REFUND_WEBHOOK_SECRET: 'soak-webhook-secret-0123456789abcdef',
    MAX_PENDING_CLAIMS: '100',
    SLA_SWEEP_INTERVAL_SECONDS: '3600',
    LOG_LEVEL: 'error',
  };
  const mainJs = join(outDir, 'src/main.js');
  const instances: Instance[] = [
    { name: 'a', port: pgPort + 1, child: undefined, ready: false, starts: 0 },
    { name: 'b', port: pgPort + 2, child: undefined, ready: false, starts: 0 },
  ];
  for (const instance of instances) await launch(instance, mainJs, env);
  const db = new pg.Pool({ connectionString: postgres.url, max: 2 });
  db.on('error', () => {});

  let faulting = true;
  const restarting = new Set<Instance>();
  const restartLater = (instance: Instance) => {
    if (restarting.has(instance)) return;
    restarting.add(instance);
    void (async () => {
      await sleep(300 + random() * 1_500);
      for (;;) {
        try {
          await launch(instance, mainJs, env);
          counters.appRestarts += 1;
          break;
        } catch {
          instance.child?.kill('SIGKILL');
          await sleep(1_000); // PostgreSQL may be restarting: its start-up check fails, try again
        }
      }
      restarting.delete(instance);
    })();
  };
  injectSlackFaults(
    slack,
    () => faulting,
    () => {
      const victim = pick(instances);
      if (killHard(victim)) {
        counters.killsAfterSend += 1;
        restartLater(victim);
      }
    },
  );

  const live = () => instances.filter((i) => i.ready);
  const senderOf = (instance: Instance) => createSlackSender(`http://127.0.0.1:${instance.port}`, SECRET);
  const deadline = Date.now() + SECONDS * 1_000;
  let nextPostgresRestart = Date.now() + 20_000 + random() * 15_000;
  let seq = 0;
  console.log(`traffic for ${SECONDS} s…`);
  const inFlight = new Set<Promise<void>>();
  while (Date.now() < deadline) {
    if (Date.now() >= nextPostgresRestart) {
      nextPostgresRestart = Date.now() + 25_000 + random() * 20_000;
      void (async () => {
        await postgres.stop();
        await sleep(500 + random() * 2_500);
        postgres = await startPostgres(pgDir, pgPort);
        counters.postgresRestarts += 1;
      })();
    }
    const target = live().length > 0 ? pick(live()) : undefined;
    if (!target) {
      await sleep(100);
      continue;
    }
    const id = ++seq;
    const action = random();
    const task = (async () => {
      const send = senderOf(target);
      if (action < 0.35) await submitClaim(send, id);
      else if (action < 0.75) await clickApprove(send, db, origin, id);
      else if (action < 0.92) await submitReject(send, db, id);
      else await sendHostile(send);
    })().catch(() => {});
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    // A kill right after the click: somewhere between the ack and the work that follows it.
    if (action < 0.92 && random() < 0.02) {
      await sleep(random() * 40);
      if (killHard(target)) {
        counters.killsAfterClick += 1;
        restartLater(target);
      }
    }
    await sleep(60 + random() * 140);
  }

  console.log('faults off; waiting for the outbox to drain…');
  faulting = false;
  await Promise.allSettled([...inFlight]);
  while (restarting.size > 0 || live().length < instances.length) await sleep(500);
  const drained = await waitForDrain(db, 240_000);
  const figures = await checkInvariants({ db, slack, marketplace: marketplace.deliveries, clicks, counters, drained });
  const text = formatFigures(figures, SECONDS);
  console.log(text);
  if (SOAK_ENV.resultsFile) writeFileSync(SOAK_ENV.resultsFile, text);

  for (const instance of instances) instance.child?.kill('SIGKILL');
  await db.end();
  await slack.stop();
  marketplace.server.close();
  await postgres.stop();
  rmSync(pgDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  process.exit(figures.violations.length === 0 ? 0 : 1);

  async function submitClaim(send: ReturnType<typeof senderOf>, n: number) {
    counters.submissions += 1;
    const values = buildRefundStateValues({ clientFirstName: `Cliente${n}`, clientLastName: `Soak${n}` });
    const res = await send.interaction(buildViewSubmission({ user: `UPRO${n % 40}`, values }));
    await res.arrayBuffer();
    if (res.status === 200) counters.submissionsAcked += 1;
  }

  async function clickApprove(send: ReturnType<typeof senderOf>, pool: pg.Pool, standInOrigin: string, n: number) {
    const claimId = await pendingClaim(pool);
    if (!claimId) return;
    const clickId = `click-${n}`;
    const user = pick(['UREVIEWER1', 'UREVIEWER2']);
    const payload = {
      ...buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claimId, user }),
      response_url: `${standInOrigin}/respond/T1/${clickId}/x`,
    };
    const res = await send.interaction(payload);
    await res.arrayBuffer();
    clicks.push({ kind: 'approve', clickId, claimId, user, status: res.status, errors: false });
  }

  async function submitReject(send: ReturnType<typeof senderOf>, pool: pg.Pool, n: number) {
    const claimId = await pendingClaim(pool);
    if (!claimId) return;
    const user = pick(['UREVIEWER1', 'UREVIEWER2']);
    const modal = buildRejectModal({ locale: 'it', claimId, reference: 'RIM' });
    const block = modal.blocks.find((b) => b.type === 'input') as { block_id: string; element: { action_id: string } };
    const res = await send.interaction(
      buildViewSubmission({
        user,
        callbackId: REJECT_MODAL_CALLBACK_ID,
        privateMetadata: modal.private_metadata ?? '',
        values: {
          [block.block_id]: { [block.element.action_id]: { type: 'plain_text_input', value: 'Prova insufficiente' } },
        },
      }),
    );
    const body = await res.text();
    clicks.push({
      kind: 'reject',
      clickId: `reject-${n}`,
      claimId,
      user,
      status: res.status,
      errors: body.includes('"errors"'),
    });
  }

  async function sendHostile(send: ReturnType<typeof senderOf>) {
    const [raw] = fc.sample(hostileBody, 1);
    if (!raw) return;
    counters.hostileSent += 1;
    const res = await send.raw(raw.body, raw.contentType, signSlackRequest(SECRET, raw.body));
    await res.arrayBuffer();
    if (res.status >= 500) counters.hostile5xx += 1;
  }
}

/** A claim waiting for review, whose review post is out (so a reviewer could have clicked it). */
async function pendingClaim(pool: pg.Pool): Promise<string | undefined> {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM claims WHERE status = 'pending_review' AND review_message_ts IS NOT NULL
     ORDER BY random() LIMIT 1`,
  );
  return rows[0]?.id;
}

/**
 * The stand-in answers some calls with a fault: 429 with Retry-After 1, a 500 before anything
 * happened, a 500 after the message was accepted (the answer lost), or a hang of 20 s (past the
 * client's 15 s timeout) after accepting. Some accepted posts are followed at once by a kill -9.
 */
function injectSlackFaults(slack: SlackStandIn, on: () => boolean, killAfterSend: () => void) {
  for (const method of ['chat.postMessage', 'chat.update', 'conversations.open']) {
    slack.respond(method, (args): Reply | Promise<Reply> => {
      const accept = () => slack.accept(method, args);
      if (!on()) return accept();
      const r = random();
      if (r < 0.03) {
        counters.faults.rate_limited += 1;
        return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
      }
      if (r < 0.06) {
        counters.faults.server_error += 1;
        return { status: 500, body: { ok: false, error: 'internal_error' } };
      }
      if (r < 0.09) {
        counters.faults.answer_lost += 1;
        accept();
        return { status: 503, body: { ok: false, error: 'service_unavailable' } };
      }
      if (r < 0.1) {
        counters.faults.hang += 1;
        const answer = accept();
        return sleep(20_000).then(() => answer);
      }
      const answer = accept();
      if (method === 'chat.postMessage') counters.postsAccepted = (counters.postsAccepted ?? 0) + 1;
      if (method === 'chat.postMessage' && random() < 0.05) killAfterSend();
      return answer;
    });
  }
}

/** Until no message is pending or leased (a blocked or failed one counts as not delivered). */
async function waitForDrain(pool: pg.Pool, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await pool
      .query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`)
      .catch(() => ({ rows: [{ n: '1' }] }));
    if (rows[0]?.n === '0') return true;
    await sleep(1_000);
  }
  return false;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
