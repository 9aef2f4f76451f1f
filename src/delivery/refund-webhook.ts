/**
 * Delivery: the signed webhooks that tell the marketplace of a refund approved (`refund.approved`) or reversed
 * (`refund.reversed`), sent from the outbox to REFUND_WEBHOOK_URL. Same bytes, HMAC signature and Idempotency-Key on
 * every retry; a non-2xx answer throws a WebhookHttpError for the retry policy.
 */
import { createHmac } from 'node:crypto';

/**
 * Tells the marketplace to put the credits back on the professional's balance. The body is built
 * from the stored claim only, so every retry sends the very same bytes, signed the same way, with
 * the same Idempotency-Key (the claim reference): the marketplace credits once however often it is
 * told. Credits only: there is no amount of money anywhere in it.
 */
export interface RefundNotice {
  claimReference: string;
  professionalId: string;
  credits: number;
  chargeId: string | null;
  approvedAt: Date;
  /** True when the policy approved it at submission (AUTO_APPROVE), false for a reviewer's approval. */
  automatic: boolean;
}

/** An automatic approval undone by a reviewer: the marketplace takes the credits back, once. */
export interface ReversalNotice {
  claimReference: string;
  professionalId: string;
  credits: number;
  chargeId: string | null;
  reversedAt: Date;
}

export interface RefundWebhookTarget {
  url: string;
  secret: string;
}

export class WebhookHttpError extends Error {
  override name = 'WebhookHttpError';
  constructor(
    readonly status: number,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(`refund webhook answered ${status}`);
  }
}

export function buildRefundWebhookBody(notice: RefundNotice): string {
  return JSON.stringify({
    type: 'refund.approved',
    claim_reference: notice.claimReference,
    professional_slack_user_id: notice.professionalId,
    credits: notice.credits,
    charge_id: notice.chargeId,
    approved_at: notice.approvedAt.toISOString(),
    automatic: notice.automatic,
  });
}

export function buildReversalWebhookBody(notice: ReversalNotice): string {
  return JSON.stringify({
    type: 'refund.reversed',
    claim_reference: notice.claimReference,
    professional_slack_user_id: notice.professionalId,
    credits: notice.credits,
    charge_id: notice.chargeId,
    reversed_at: notice.reversedAt.toISOString(),
  });
}

/** X-Signature: hex HMAC-SHA256 of the exact body bytes with REFUND_WEBHOOK_SECRET. */
export function signRefundWebhook(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export async function sendRefundWebhook(
  target: RefundWebhookTarget,
  notice: RefundNotice,
  timeoutMs = 10_000,
): Promise<void> {
  await postSignedWebhook(target, buildRefundWebhookBody(notice), notice.claimReference, timeoutMs);
}

/** Same signature and retry rules as the refund; its own Idempotency-Key: the reference + `:reversed`. */
export async function sendReversalWebhook(
  target: RefundWebhookTarget,
  notice: ReversalNotice,
  timeoutMs = 10_000,
): Promise<void> {
  await postSignedWebhook(target, buildReversalWebhookBody(notice), `${notice.claimReference}:reversed`, timeoutMs);
}

async function postSignedWebhook(
  target: RefundWebhookTarget,
  body: string,
  idempotencyKey: string,
  timeoutMs: number,
): Promise<void> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature': signRefundWebhook(body, target.secret),
      'idempotency-key': idempotencyKey,
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.arrayBuffer(); // let the connection be reused
  if (!response.ok) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new WebhookHttpError(response.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
}
