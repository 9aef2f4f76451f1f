/**
 * HTTP route: the marketplace's ledger endpoints (POST /ledger/charges, /ledger/professionals), behind
 * LEDGER_TOKEN. It reads and validates the JSON, then hands charges and professional mappings to
 * ledger/ingest-charges. Only counts are logged, since a charge carries a client's name and phone.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { z } from 'zod';
import { parseChargeBatch } from '../ledger/charge-input.ts';
import { ingestCharges, mapProfessionals } from '../ledger/ingest-charges.ts';
import type { AppDeps } from '../slack/deps.ts';
import { bearerMatches, safely, sendJson } from './http-helpers.ts';
import { BodyTooLargeError, readBody } from './read-body.ts';

export const LEDGER_CHARGES_PATH = '/ledger/charges';
export const LEDGER_PROFESSIONALS_PATH = '/ledger/professionals';
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
async function handleCharges(deps: LedgerDeps, req: IncomingMessage, res: ServerResponse) {
  const items = await readItems(req);
  if (items === 'too_large') {
    sendJson(res, 413, {
      error: 'payload_too_large',
      message: `The body must be at most ${MAX_LEDGER_BODY_BYTES} bytes.`,
    });
    return;
  }
  if (items === 'invalid_json') {
    sendJson(res, 400, {
      error: 'invalid_json',
      message: 'The body must be a charge object, an array of charges, or {"charges": [...]}.',
    });
    return;
  }
  const parsed = parseChargeBatch(items);
  const outcome = parsed.ok
    ? await ingestCharges(deps.db, parsed.charges, deps.clock())
    : { kind: 'invalid' as const, errors: parsed.errors };
  if (outcome.kind === 'invalid') {
    deps.logger.warn('ledger charges refused', { items: items.length, errors: outcome.errors.length });
    sendJson(res, 400, { error: 'invalid_charges', errors: outcome.errors });
    return;
  }
  if (outcome.kind === 'conflict') {
    deps.logger.warn('ledger charges conflict with stored ones', {
      items: items.length,
      conflicts: outcome.chargeIds.length,
    });
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

const ProfessionalsBody = z.union([
  z.array(z.unknown()),
  z.object({ professionals: z.array(z.unknown()) }).transform((body) => body.professionals),
]);
const ProfessionalItem = z.object({
  marketplace_id: z.string().trim().min(1).max(100).regex(/^\S+$/, 'must not contain spaces'),
  slack_user_id: z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id (U… or W…)'),
});

/** Which Slack user each marketplace id is: charges may then name professionals by marketplace id. */
async function handleProfessionals(deps: LedgerDeps, req: IncomingMessage, res: ServerResponse) {
  let items: unknown[];
  try {
    items = ProfessionalsBody.parse(JSON.parse(await readBody(req, MAX_LEDGER_BODY_BYTES)));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: 'payload_too_large' });
    if (error instanceof SyntaxError || error instanceof z.ZodError) {
      return sendJson(res, 400, {
        error: 'invalid_json',
        message: 'The body must be {"professionals": [...]} or an array.',
      });
    }
    throw error;
  }
  const errors = items.flatMap((item, index) => {
    const parsed = ProfessionalItem.safeParse(item);
    return parsed.success
      ? []
      : parsed.error.issues.map((issue) => ({
          item: index,
          field: String(issue.path[0] ?? 'item'),
          message: issue.message,
        }));
  });
  if (errors.length > 0) return sendJson(res, 400, { error: 'invalid_professionals', errors });
  const mappings = items
    .map((item) => ProfessionalItem.parse(item))
    .map((p) => ({ marketplaceId: p.marketplace_id, slackUserId: p.slack_user_id }));
  await mapProfessionals(deps.db, mappings);
  deps.logger.info('ledger professionals mapped', { count: mappings.length });
  sendJson(res, 200, { upserted: mappings.length });
}

/**
 * The marketplace's routes, behind LEDGER_TOKEN (404 while it is not configured). Bolt does not
 * await route handlers, so these never throw: a failure is logged and answered 500.
 */
export function buildLedgerRoutes(deps: LedgerDeps): CustomRoute[] {
  const guarded = (
    path: string,
    handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  ): CustomRoute => ({
    path,
    method: ['POST'],
    handler: (req, res) => {
      const token = deps.config.ledgerToken;
      if (token === undefined) return sendJson(res, 404, { error: 'not_found' });
      if (!bearerMatches(req.headers.authorization, token)) {
        return sendJson(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
      }
      safely(deps.logger, handle)(req, res);
    },
  });
  return [
    guarded(LEDGER_CHARGES_PATH, (req, res) => handleCharges(deps, req, res)),
    guarded(LEDGER_PROFESSIONALS_PATH, (req, res) => handleProfessionals(deps, req, res)),
  ];
}
