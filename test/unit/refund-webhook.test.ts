import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decideRetry, DEFAULT_RETRY_POLICY } from '../../src/delivery/retry-policy.ts';
import {
  WebhookHttpError,
  buildRefundWebhookBody,
  buildReversalWebhookBody,
  signRefundWebhook,
} from '../../src/delivery/refund-webhook.ts';

const notice = {
  claimReference: 'RIM-2026-000042',
  professionalId: 'UPRO',
  credits: 12,
  chargeId: 'ch_123',
  approvedAt: new Date('2026-11-20T10:00:00Z'),
  automatic: false,
};

describe('the refund webhook', () => {
  it('sends credits, never money, and the same bytes every time', () => {
    const body = buildRefundWebhookBody(notice);
    expect(JSON.parse(body)).toEqual({
      type: 'refund.approved',
      claim_reference: 'RIM-2026-000042',
      professional_slack_user_id: 'UPRO',
      credits: 12,
      charge_id: 'ch_123',
      approved_at: '2026-11-20T10:00:00.000Z',
      automatic: false,
    });
    expect(buildRefundWebhookBody({ ...notice })).toBe(body);
    expect(body).not.toMatch(/amount|eur|€|currency/i);
  });

  it('says when the policy approved on its own', () => {
    expect(JSON.parse(buildRefundWebhookBody({ ...notice, automatic: true }))).toMatchObject({
      type: 'refund.approved',
      automatic: true,
    });
  });

  it('a reversal is its own type, in credits, with the same reference', () => {
    const { approvedAt: _approvedAt, automatic: _automatic, ...rest } = notice;
    const body = buildReversalWebhookBody({ ...rest, reversedAt: new Date('2026-11-21T08:00:00Z') });
    expect(JSON.parse(body)).toEqual({
      type: 'refund.reversed',
      claim_reference: 'RIM-2026-000042',
      professional_slack_user_id: 'UPRO',
      credits: 12,
      charge_id: 'ch_123',
      reversed_at: '2026-11-21T08:00:00.000Z',
    });
    expect(body).not.toMatch(/amount|eur|€|currency/i);
  });

  it('signs the exact body with HMAC-SHA256, verifiable by the receiver', () => {
    const body = buildRefundWebhookBody(notice);
    const expected = createHmac('sha256', 'shared-secret-0123456789').update(body).digest('hex');
    expect(signRefundWebhook(body, 'shared-secret-0123456789')).toBe(expected);
    expect(signRefundWebhook(body, 'another-secret-0123456789')).not.toBe(expected);
  });

  it.each([
    [500, 'retry'],
    [503, 'retry'],
    [408, 'retry'],
    [400, 'give_up'],
    [422, 'give_up'],
    // A wrong URL or secret is for a person to fix: the refund waits blocked, never lost.
    [401, 'block'],
    [403, 'block'],
    [404, 'block'],
  ])('a %i answer means %s', (status, kind) => {
    const now = new Date();
    expect(
      decideRetry(new WebhookHttpError(status, undefined), {
        attempts: 0,
        createdAt: now,
        now,
        policy: DEFAULT_RETRY_POLICY,
      }).kind,
    ).toBe(kind);
  });

  it('a 429 waits what Retry-After says', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    const decision = decideRetry(new WebhookHttpError(429, 7), {
      attempts: 0,
      createdAt: now,
      now,
      policy: DEFAULT_RETRY_POLICY,
    });
    expect(decision).toMatchObject({ kind: 'retry', at: new Date('2026-11-20T10:00:07Z') });
  });
});
