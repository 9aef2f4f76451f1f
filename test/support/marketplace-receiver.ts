import { createHmac } from 'node:crypto';
import nock from 'nock';

export interface WebhookDelivery {
  body: string;
  signature: string | undefined;
  idempotencyKey: string | undefined;
}

/** The marketplace's webhook endpoint, faked with nock: records each delivery, answers the given statuses in turn (then 200). */
export function marketplaceReceiver(origin: string, path: string, statuses: number[] = []) {
  const deliveries: WebhookDelivery[] = [];
  const interceptor = nock(origin).persist().post(path);
  interceptor.reply(function (_uri, body) {
    const header = (name: string) => {
      const value = this.req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    deliveries.push({
      body: typeof body === 'string' ? body : JSON.stringify(body),
      signature: header('x-signature'),
      idempotencyKey: header('idempotency-key'),
    });
    return [statuses.shift() ?? 200, { received: true }];
  });
  return {
    deliveries,
    /** The parsed bodies, in the order they arrived. */
    bodies: () => deliveries.map((d) => JSON.parse(d.body) as Record<string, unknown>),
    stop: () => nock.removeInterceptor(interceptor),
  };
}

export function isSignedWith(delivery: WebhookDelivery | undefined, secret: string): boolean {
  return (
    delivery !== undefined && delivery.signature === createHmac('sha256', secret).update(delivery.body).digest('hex')
  );
}
