/**
 * Ledger: the one definition of a charge as the marketplace sends it (JSON of POST /ledger/charges, or a CSV
 * row with the same column names), validated with zod into ParsedCharges. A batch reports every bad field of
 * every item at once, each under its 0-based index.
 */
import { z } from 'zod';
import { CHARGE_TRIGGERS, type Charge } from '../domain/ledger.ts';
import { isIsoDate, romeInstant } from '../domain/rome-calendar.ts';
import { normalisePhone } from './normalise.ts';

/**
 * One charge as the marketplace sends it, in JSON (POST /ledger/charges) or as a CSV row with the same
 * column names. Dates are ISO 8601 date-times with an offset ('2026-11-20T10:15:00+01:00', 'Z' for UTC,
 * seconds optional) or a bare date ('2026-11-20'), read as midnight in Europe/Rome that day. A time
 * without an offset is refused: it would be a guess.
 */
export type ProfessionalRef = { kind: 'slack'; slackUserId: string } | { kind: 'marketplace'; marketplaceId: string };

/** A charge as the marketplace sent it: the professional may still be a marketplace id to resolve. */
export type ParsedCharge = Omit<Charge, 'professionalId'> & { professional: ProfessionalRef };

/** `item` is the 0-based index in the batch; a CSV caller turns it into a line number. */
export interface ChargeItemError {
  item: number;
  field: string;
  message: string;
}

export type ChargeBatchResult = { ok: true; charges: ParsedCharge[] } | { ok: false; errors: ChargeItemError[] };

export const MAX_CREDITS_PER_CHARGE = 100_000;

const requiredOr = (message: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : message;
// One message per field: the checks stop at the first that fails (`abort`).
const text = (max: number) =>
  z
    .string({ error: requiredOr('must be text') })
    .trim()
    .min(1, { message: 'must not be empty', abort: true })
    .max(max, { message: `must be at most ${max} characters`, abort: true });
const identifier = (max: number) => text(max).regex(/^\S+$/, 'must not contain spaces');
// A missing optional field may arrive as absent, null or blank (an empty CSV cell).
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value),
    schema.optional(),
  );

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;
const INSTANT_FORMAT =
  'must be an ISO 8601 date-time with an offset (2026-11-20T10:15:00+01:00) or a date (2026-11-20)';

/** A date-time with its offset, or a bare date read as midnight in Rome; null for anything else. */
export function parseChargeInstant(value: string): Date | null {
  if (isIsoDate(value)) return romeInstant(value, 0);
  const match = ISO_DATE_TIME.exec(value);
  if (!match?.[1] || !isIsoDate(match[1])) return null;
  return new Date(value);
}

const instant = z
  .string({ error: requiredOr(INSTANT_FORMAT) })
  .trim()
  .transform((value, ctx) => {
    const at = parseChargeInstant(value);
    if (at) return at;
    ctx.addIssue({ code: 'custom', message: INSTANT_FORMAT });
    return z.NEVER;
  });

const phone = z
  .string({ error: 'must be text' })
  .trim()
  .max(40, { message: 'must be at most 40 characters', abort: true })
  .refine((value) => /^[\d\s+()./-]+$/.test(value) && /^\d{6,15}$/.test(normalisePhone(value) ?? ''), {
    message: 'must be a phone number of 6 to 15 digits (spaces, + ( ) . / - allowed)',
  });

const ChargeItem = z.strictObject({
  charge_id: identifier(100),
  slack_user_id: optional(
    z
      .string({ error: 'must be text' })
      .trim()
      .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id (U… or W…)'),
  ),
  marketplace_id: optional(identifier(100)),
  lead_id: identifier(100),
  client_first_name: text(100),
  client_last_name: text(100),
  client_phone: optional(phone),
  service: text(200),
  lead_received_at: instant,
  charged_at: instant,
  credits: z
    .number({ error: requiredOr('must be a number') })
    .int('must be a whole number')
    .positive('must be more than 0')
    .max(MAX_CREDITS_PER_CHARGE, `must be at most ${MAX_CREDITS_PER_CHARGE}`),
  trigger: z.literal([...CHARGE_TRIGGERS], { error: requiredOr(`must be one of: ${CHARGE_TRIGGERS.join(', ')}`) }),
});

/** Every field name an item may have: the CSV header is checked against it. */
export const CHARGE_FIELDS: readonly string[] = Object.keys(ChargeItem.shape);

type ChargeItemData = z.output<typeof ChargeItem>;
type FieldError = Omit<ChargeItemError, 'item'>;

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** The rules across fields, checked even when other fields are bad so that every error shows at once. */
function crossFieldErrors(item: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (isPresent(item.slack_user_id) === isPresent(item.marketplace_id)) {
    errors.push({ field: 'professional', message: 'give exactly one of slack_user_id and marketplace_id' });
  }
  const received = instant.safeParse(item.lead_received_at);
  const charged = instant.safeParse(item.charged_at);
  if (received.success && charged.success && charged.data < received.data) {
    errors.push({ field: 'charged_at', message: 'is before lead_received_at (a bare date is midnight in Rome)' });
  }
  return errors;
}

function issueErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ field: key, message: 'is not a known field' }));
    const field = issue.path.map(String).join('.');
    return [field ? { field, message: issue.message } : { field: 'item', message: 'must be an object' }];
  });
}

function toParsedCharge(data: ChargeItemData): ParsedCharge {
  return {
    chargeId: data.charge_id,
    professional: data.slack_user_id
      ? { kind: 'slack', slackUserId: data.slack_user_id }
      : { kind: 'marketplace', marketplaceId: data.marketplace_id ?? '' },
    leadId: data.lead_id,
    clientFirstName: data.client_first_name,
    clientLastName: data.client_last_name,
    clientPhone: data.client_phone ?? null,
    service: data.service,
    leadReceivedAt: data.lead_received_at,
    chargedAt: data.charged_at,
    credits: data.credits,
    trigger: data.trigger,
  };
}

/**
 * Validates a whole batch and reports every bad field of every bad item, including a charge_id that an
 * earlier item of the same batch already used. `describeItem` names the earlier item in that message.
 */
export function parseChargeBatch(
  items: readonly unknown[],
  options: { describeItem?: (item: number) => string } = {},
): ChargeBatchResult {
  const describeItem = options.describeItem ?? ((item) => `item ${item}`);
  const errors: ChargeItemError[] = [];
  const charges: ParsedCharge[] = [];
  const firstIndexOf = new Map<string, number>();
  items.forEach((item, index) => {
    const parsed = ChargeItem.safeParse(item);
    const itemErrors = parsed.success ? [] : issueErrors(parsed.error.issues);
    if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
      const record = item as Record<string, unknown>;
      itemErrors.push(...crossFieldErrors(record));
      const chargeId = identifier(100).safeParse(record.charge_id);
      const first = chargeId.success ? firstIndexOf.get(chargeId.data) : undefined;
      if (first !== undefined)
        itemErrors.push({ field: 'charge_id', message: `repeats the charge_id of ${describeItem(first)}` });
      else if (chargeId.success) firstIndexOf.set(chargeId.data, index);
    }
    errors.push(...itemErrors.map((error) => ({ item: index, ...error })));
    if (parsed.success && itemErrors.length === 0) charges.push(toParsedCharge(parsed.data));
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, charges };
}
