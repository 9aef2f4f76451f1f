import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { parseChargeBatch } from '../ledger/charge-input.ts';
import { ingestCharges } from '../ledger/ingest-charges.ts';
import type { AppDeps } from '../slack/deps.ts';
import { bearerMatches, sendJson } from './http-helpers.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';

export const LEDGER_CHARGES_PATH = '/ledger/charges';
const MAX_LEDGER_BODY_BYTES = 5 * 1024 * 1024;

type LedgerDeps = Pick<AppDeps, 'config' | 'db' | 'logger' | 'clock'>;



/** One charge object, `{ "charges": [...] }`, or a bare array; null for anything else. */
function itemsOf(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'object' || body === null) return null;
  if (!('charges' in body)) return [body];
  return Array.isArray(body.charges) ? body.charges : null;
}

async function readItems(req: IncomingMessage): Promise<unknown[] | 'too_large' | 'invalid_json'> {
  try {
    return itemsOf(JSON.parse(await readBody(req, MAX_LEDGER_BODY_BYTES))) ?? 'invalid_json';
  } catch (error) {
    if (error instanceof BodyTooLargeError) return 'too_large';
    if (error instanceof SyntaxError) return 'invalid_json';
    throw error;
  }
}

/** Only counts reach the log: a charge carries a client's name and phone. */
async function handleCharges(deps: LedgerDeps, token: string, req: IncomingMessage, res: ServerResponse) {
  if (!bearerMatches(req.headers.authorization, token)) {
    sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
    return;
  }
  const items = await readItems(req);
  if (items === 'too_large') {
    sendJson(res, 413, { error: 'payload_too_large', message: `The body must be at most ${MAX_LEDGER_BODY_BYTES} bytes.` });
    return;
  }
  if (items === 'invalid_json') {
    sendJson(res, 400, { error: 'invalid_json', message: 'The body must be a charge object, an array of charges, or {"charges": [...]}.' });
    return;
  }
  const parsed = parseChargeBatch(items);
  const outcome = parsed.ok ? await ingestCharges(deps.db, parsed.charges, deps.clock()) : { kind: 'invalid' as const, errors: parsed.errors };
  if (outcome.kind === 'invalid') {
    deps.logger.warn('ledger charges refused', { items: items.length, errors: outcome.errors.length });
    sendJson(res, 400, { error: 'invalid_charges', errors: outcome.errors });
    return;
  }
  if (outcome.kind === 'conflict') {
    deps.logger.warn('ledger charges conflict with stored ones', { items: items.length, conflicts: outcome.chargeIds.length });
    sendJson(res, 409, {
      error: 'conflicting_charges',
      message: 'These charge_ids are already stored with different content; nothing was written.',
      charge_ids: outcome.chargeIds,
    });
    return;
  }
  deps.logger.info('ledger charges ingested', { inserted: outcome.inserted, unchanged: outcome.unchanged });
  sendJson(res, 200, { inserted: outcome.inserted, unchanged: outcome.unchanged });
}

/** POST /ledger/charges for the marketplace. Bolt does not await route handlers, so this one never throws. */
export function buildLedgerRoute(deps: LedgerDeps): CustomRoute {
  return {
    path: LEDGER_CHARGES_PATH,
    method: ['POST'],
    handler: (req, res) => {
      const token = deps.config.ledgerToken;
      if (token === undefined) {
        sendJson(res, 404, { error: 'not_found' });
        return;
      }
      handleCharges(deps, token, req, res).catch((error: unknown) => {
        deps.logger.error('http route failed', { path: LEDGER_CHARGES_PATH }, error);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal_error' });
        else res.end();
      });
    },
  };
}
