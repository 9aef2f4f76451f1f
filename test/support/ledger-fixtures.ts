import { expect } from 'vitest';
import type { StateOverrides } from '../../src/sandbox/slack-payloads.ts';
import type { TestApp } from './test-app.ts';

/** The marketplace's bearer token the ledger tests configure (LEDGER_TOKEN). */
export const LEDGER_TOKEN = 'ledger-token-0123456789abcdef-0123456789';

/** A charge behind the default form's claim (Maria Rossi, Imbianchino, answered 10 November, 12 credits). */
export function buildChargeInput(overrides: Record<string, unknown> = {}) {
  return {
    charge_id: 'ch_1',
    slack_user_id: 'UPRO',
    lead_id: 'lead_1',
    client_first_name: 'Maria',
    client_last_name: 'Rossi',
    client_phone: '+39 333 123 4567',
    service: 'Imbianchino',
    lead_received_at: '2026-11-09T09:00:00+01:00',
    charged_at: '2026-11-10T11:00:00+01:00',
    credits: 12,
    trigger: 'client_chat',
    ...overrides,
  };
}

/** A charge as the marketplace posts it, for the ingestion and parsing tests (Maria Bianchi, 5 credits, 10 November). */
export function buildChargeItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    charge_id: 'ch_1001',
    slack_user_id: 'U012PRO',
    lead_id: 'lead_77',
    client_first_name: 'Maria',
    client_last_name: 'Bianchi',
    client_phone: '+39 333 1234567',
    service: 'Imbiancatura',
    lead_received_at: '2026-11-10T09:30:00+01:00',
    charged_at: '2026-11-10T11:00:00+01:00',
    credits: 5,
    trigger: 'phone_answer',
    ...overrides,
  };
}

/** The form's typed fields left empty, as a professional who picks the charge from the list leaves them. */
export const NO_TYPED_FIELDS: StateOverrides = {
  clientFirstName: null,
  clientLastName: null,
  clientPhone: null,
  service: null,
  answeredOn: null,
  receivedOn: null,
  credits: null,
};

/** Sends charges the way the marketplace does (POST /ledger/charges) and expects them taken. */
export async function loadCharges(app: TestApp, charges: unknown[]): Promise<void> {
  const res = await fetch(`${app.baseUrl}/ledger/charges`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${LEDGER_TOKEN}` },
    body: JSON.stringify({ charges }),
  });
  expect(res.status).toBe(200);
}
