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
  });
}

/** X-Signature: hex HMAC-SHA256 of the exact body bytes with REFUND_WEBHOOK_SECRET. */
export function signRefundWebhook(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export async function sendRefundWebhook(target: RefundWebhookTarget, notice: RefundNotice, timeoutMs = 10_000): Promise<void> {
  const body = buildRefundWebhookBody(notice);
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature': signRefundWebhook(body, target.secret),
      'idempotency-key': notice.claimReference,
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
