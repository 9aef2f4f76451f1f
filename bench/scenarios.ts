import { sql } from 'kysely';
import type { Db } from '../src/db/database.ts';
import { addDays } from './dates.ts';
import { romeDateOf } from '../src/domain/rome-calendar.ts';
import {
  buildBlockAction,
  buildRefundStateValues,
  buildSlashCommand,
  buildViewSubmission,
} from '../src/sandbox/slack-payloads.ts';
import { APPROVE_ACTION_ID } from '../src/slack/messages/review-message.ts';
import type { Request } from './load.ts';
import type { Answer, SignedSender } from './transport.ts';

export type ScenarioName = 'slash command' | 'view_submission' | 'approve click';

/** Reviewers of the stand-in's review channel; none of them ever files a claim. */
export const REVIEWERS = ['UREVIEWER1', 'UREVIEWER2', 'UREVIEWER3'];

export interface ScenarioContext {
  send: SignedSender;
  /** A label that keeps this app's trigger and view ids apart from another app's. */
  tag: string;
  /** Pending claims made beforehand, one per approve click. */
  pendingClaimIds: readonly string[];
}

function expectOk(answer: Answer): string | undefined {
  return answer.status === 200 ? undefined : `HTTP ${answer.status}: ${answer.body.slice(0, 200)}`;
}

/** Builds each scenario's request; every request index makes a distinct user action. */
export function createRequests(ctx: ScenarioContext): Record<ScenarioName, Request> {
  const { send } = ctx;
  const today = romeDateOf(new Date());
  return {
    'slash command': async (index, user) =>
      expectOk(
        await send.slashCommand(buildSlashCommand({ user_id: `UPRO${user}`, trigger_id: triggerId(ctx.tag, index) })),
      ),

    // An eligible claim: a client of its own (never "the same claim twice"), answered yesterday.
    view_submission: async (index, user) => {
      const answer = await send.interaction(
        buildViewSubmission({
          user: `UPRO${user}`,
          viewId: `VBENCH${ctx.tag}${index}`,
          values: buildRefundStateValues({
            clientFirstName: 'Cliente',
            clientLastName: `Bench ${index}`,
            answeredOn: addDays(today, -1),
            receivedOn: addDays(today, -2),
          }),
        }),
      );
      if (answer.status !== 200) return expectOk(answer);
      const ack = JSON.parse(answer.body) as { response_action?: string };
      return ack.response_action === 'update' ? undefined : `ack was not the result view: ${answer.body.slice(0, 200)}`;
    },

    'approve click': async (index, user) => {
      const claimId = ctx.pendingClaimIds[index];
      if (!claimId) return `no pending claim left for click ${index}`;
      const reviewer = REVIEWERS[user % REVIEWERS.length] ?? 'UREVIEWER1';
      return expectOk(
        await send.interaction(buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claimId, user: reviewer })),
      );
    },
  };
}

export function triggerId(tag: string, index: number): string {
  return `trigger-${tag}-${index}`;
}

/** Every slash command must have reached views.open with its own trigger id: how many did not. */
export function missingViewsOpen(opened: ReadonlySet<string>, tag: string, indexes: readonly number[]): number {
  return indexes.filter((index) => !opened.has(triggerId(tag, index))).length;
}

/** Claims the submissions made, by status: all pending_review when each was eligible and stored. */
export async function claimsByStatus(db: Db, tag: string): Promise<Record<string, number>> {
  const { rows } = await sql<{ status: string; n: string }>`
    SELECT status, count(*) AS n FROM claims WHERE source_view_id LIKE ${`VBENCH${tag}%`} GROUP BY status`.execute(db);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

export async function countApproved(db: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const row = await db
    .selectFrom('claims')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', 'in', ids)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function outboxCounts(db: Db): Promise<{ pending: number; delivered: number }> {
  const { rows } = await sql<{ pending: string; delivered: string }>`
    SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'delivered') AS delivered
    FROM outbox`.execute(db);
  return { pending: Number(rows[0]?.pending ?? 0), delivered: Number(rows[0]?.delivered ?? 0) };
}

/** Messages a scenario left undelivered are set aside, so the next scenario's app does not deliver them while measured. */
export async function setAsideOutbox(db: Db): Promise<number> {
  const { numAffectedRows } = await sql`
    UPDATE outbox SET status = 'failed', last_error = 'bench: left undelivered', finished_at = now()
    WHERE status = 'pending'`.execute(db);
  return Number(numAffectedRows ?? 0);
}
