import type pg from 'pg';
import type { SlackStandIn } from '../src/sandbox/slack-stand-in.ts';
import { RESPONSE_URL_METHOD } from '../src/sandbox/slack-api-double.ts';
import type { WebhookDelivery } from './world.ts';

export interface Counters {
  killsAfterClick: number;
  killsAfterSend: number;
  appRestarts: number;
  postgresRestarts: number;
  faults: Record<'rate_limited' | 'server_error' | 'answer_lost' | 'hang', number>;
  hostileSent: number;
  hostile5xx: number;
  submissions: number;
  submissionsAcked: number;
  postsAccepted?: number;
}

export interface Click {
  kind: 'approve' | 'reject';
  clickId: string;
  claimId: string;
  user: string;
  status: number;
  /** A reject submission acked with field errors: told in the modal. */
  errors: boolean;
}

/** Outbox kinds that post a message carrying their outbox id as metadata: counted on the stand-in. */
const POSTED_KINDS = [
  'review_post',
  'submission_dm',
  'decision_dm',
  'reminder',
  'escalation',
  'question_post',
  'question_dm',
  'answer_post',
  'assignee_reminder_dm',
];

export interface Figures {
  counters: Counters;
  drained: boolean;
  decisions: {
    acked: number;
    recorded: number;
    told: number;
    otherwiseDecided: number;
    neither: number;
    notAcked: number;
  };
  messages: { posted: number; exactlyOnce: number; duplicates: number; lost: number; byKind: Record<string, number> };
  updates: { delivered: number; notDelivered: number };
  webhooks: { approved: number; keys: number; deliveries: number; repeats: number; lost: number; changedBytes: number };
  violations: string[];
}

export async function checkInvariants(input: {
  db: pg.Pool;
  slack: SlackStandIn;
  marketplace: WebhookDelivery[];
  clicks: Click[];
  counters: Counters;
  drained: boolean;
}): Promise<Figures> {
  const { db, slack } = input;
  const violations: string[] = [];
  const claims = new Map(
    (
      await db.query<{ id: string; status: string; decided_by: string | null; reference: string }>(
        'SELECT id, status, decided_by, reference FROM claims',
      )
    ).rows.map((c) => [c.id, c]),
  );

  // Every acked decision is recorded, or its clicker was told (response_url, or the modal's field error).
  const responses = new Set(
    slack.calls(RESPONSE_URL_METHOD).map((c) => String(c.args.responseUrlPath ?? '').split('/')[3]),
  );
  const decisions = { acked: 0, recorded: 0, told: 0, otherwiseDecided: 0, neither: 0, notAcked: 0 };
  for (const click of input.clicks) {
    if (click.status !== 200) {
      decisions.notAcked += 1;
      continue;
    }
    decisions.acked += 1;
    const claim = claims.get(click.claimId);
    const wanted = click.kind === 'approve' ? 'approved' : 'rejected';
    if (click.errors || responses.has(click.clickId)) decisions.told += 1;
    else if (claim?.status === wanted && claim.decided_by === click.user) decisions.recorded += 1;
    else if (claim && claim.status !== 'pending_review') {
      // Decided by someone else first: the refusal's ephemeral may be lost to a kill right after the
      // ack, but the review message shows the decision. Counted, not a lost decision.
      decisions.otherwiseDecided += 1;
    } else {
      decisions.neither += 1;
      violations.push(`${click.kind} ${click.clickId} acked, not recorded, not told`);
    }
  }

  // Every message posted exactly once, counted by the outbox id in its metadata on the stand-in.
  const perOutboxId = new Map<string, number>();
  for (const channel of new Set(slack.calls('chat.postMessage').map((c) => String(c.args.channel)))) {
    for (const message of slack.messagesIn(channel)) {
      const id = message.metadata?.event_payload.outbox_id;
      if (typeof id === 'string') perOutboxId.set(id, (perOutboxId.get(id) ?? 0) + 1);
    }
  }
  const rows = (
    await db.query<{ id: string; kind: string; status: string }>(
      'SELECT id::text AS id, kind, status FROM outbox WHERE kind = ANY($1)',
      [POSTED_KINDS],
    )
  ).rows;
  const messages = { posted: 0, exactlyOnce: 0, duplicates: 0, lost: 0, byKind: {} as Record<string, number> };
  for (const row of rows) {
    const count = perOutboxId.get(row.id) ?? 0;
    if (row.status === 'delivered' && count === 0) {
      continue; // skipped on purpose (a decision DM for a claim decided otherwise): nothing to post
    }
    messages.posted += 1;
    messages.byKind[row.kind] = (messages.byKind[row.kind] ?? 0) + 1;
    if (count === 1 && row.status === 'delivered') messages.exactlyOnce += 1;
    else if (count > 1) {
      messages.duplicates += count - 1;
      violations.push(`${row.kind} ${row.id} posted ${count} times`);
    } else {
      messages.lost += 1;
      violations.push(`${row.kind} ${row.id} is ${row.status} with ${count} messages in Slack`);
    }
  }
  // A review post missing altogether (its row never written) would not be in `rows`: each claim to review has one.
  for (const claim of claims.values()) {
    if (claim.status === 'ineligible') continue;
    const { rows: posts } = await db.query(`SELECT 1 FROM outbox WHERE claim_id = $1 AND kind = 'review_post'`, [
      claim.id,
    ]);
    if (posts.length === 0) violations.push(`claim ${claim.reference} has no review post`);
  }

  const updateRows = (await db.query<{ status: string }>(`SELECT status FROM outbox WHERE kind = 'review_update'`))
    .rows;
  const updates = {
    delivered: updateRows.filter((r) => r.status === 'delivered').length,
    notDelivered: updateRows.filter((r) => r.status !== 'delivered').length,
  };
  if (updates.notDelivered > 0) violations.push(`${updates.notDelivered} review updates not delivered`);

  // Webhooks: may repeat with the same key and bytes, never lost.
  const byKey = new Map<string, Set<string>>();
  for (const d of input.marketplace)
    byKey.set(d.idempotencyKey, (byKey.get(d.idempotencyKey) ?? new Set()).add(d.body));
  const approved = [...claims.values()].filter((c) => c.status === 'approved' || c.status === 'reversed');
  const webhookRows = (
    await db.query<{ claim_id: string; status: string }>(
      `SELECT claim_id::text AS claim_id, status FROM outbox WHERE kind = 'refund_webhook'`,
    )
  ).rows;
  const lostWebhooks = webhookRows.filter((r) => r.status !== 'delivered').length;
  if (lostWebhooks > 0) violations.push(`${lostWebhooks} refund webhooks not delivered`);
  const bodiesWithReference = (reference: string) => input.marketplace.filter((d) => d.body.includes(reference));
  let missingWebhooks = 0;
  for (const claim of approved) if (bodiesWithReference(claim.reference).length === 0) missingWebhooks += 1;
  if (missingWebhooks > 0) violations.push(`${missingWebhooks} approved claims without a webhook received`);
  const changedBytes = [...byKey.values()].filter((bodies) => bodies.size > 1).length;
  if (changedBytes > 0) violations.push(`${changedBytes} webhook keys resent with other bytes`);
  const webhooks = {
    approved: approved.length,
    keys: byKey.size,
    deliveries: input.marketplace.length,
    repeats: input.marketplace.length - byKey.size,
    lost: missingWebhooks,
    changedBytes,
  };

  if (input.counters.hostile5xx > 0) violations.push(`${input.counters.hostile5xx} hostile bodies answered 5xx`);
  if (!input.drained) violations.push('the outbox did not drain within the wait');
  return { counters: input.counters, drained: input.drained, decisions, messages, updates, webhooks, violations };
}

export function formatFigures(f: Figures, seconds: number): string {
  const c = f.counters;
  const lines = [
    `Soak run: ${seconds} s of traffic, two instances on one PostgreSQL`,
    `kills (kill -9): ${c.killsAfterClick + c.killsAfterSend} (${c.killsAfterClick} right after a click, ${c.killsAfterSend} right after Slack accepted a post); instance restarts: ${c.appRestarts}`,
    `PostgreSQL restarts mid-traffic: ${c.postgresRestarts}`,
    `Slack faults injected: ${Object.entries(c.faults)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `claims submitted: ${c.submissions} (${c.submissionsAcked} acked)`,
    `decisions acked: ${f.decisions.acked} — recorded ${f.decisions.recorded}, told ${f.decisions.told}, refused untold but decided by another ${f.decisions.otherwiseDecided}, neither ${f.decisions.neither}; not acked (instance down, refused): ${f.decisions.notAcked}`,
    `messages posted (by outbox id in metadata): ${f.messages.posted} — exactly once ${f.messages.exactlyOnce}, duplicates ${f.messages.duplicates}, lost ${f.messages.lost} (${Object.entries(
      f.messages.byKind,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
    `review updates: ${f.updates.delivered} delivered, ${f.updates.notDelivered} not`,
    `webhooks: ${f.webhooks.approved} approved claims, ${f.webhooks.keys} Idempotency-Keys, ${f.webhooks.deliveries} deliveries (${f.webhooks.repeats} repeats, same bytes), ${f.webhooks.lost} lost`,
    `posts accepted while faulting: ${c.postsAccepted ?? 0}`,
    `hostile signed bodies: ${c.hostileSent} sent, ${c.hostile5xx} answered 5xx`,
    `outbox drained: ${f.drained ? 'yes' : 'NO'}`,
    f.violations.length === 0
      ? 'invariants: all hold'
      : `invariants VIOLATED (${f.violations.length}):\n  ${f.violations.slice(0, 40).join('\n  ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
