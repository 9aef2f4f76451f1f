/**
 * Guard: checks a signed Slack request body before Bolt and the listeners see it (used by guarded-receivers.ts,
 * for HTTP and Socket Mode). It parses the bytes as Bolt would and refuses, with a short reason for a 400, any
 * body whose shape Slack never sends or whose keys would route it down another path than its type.
 */
import { parse as parseQueryString } from 'node:querystring';
import { z } from 'zod';

/**
 * What a body signed with our secret must look like before Bolt and the listeners see it. Bolt reads
 * properties of any parsed body without checking it is an object (a signed JSON `null` crashed the
 * process), and the listeners read `user.id`, `actions[0]`, `view.state.values`, `trigger_id`… as Slack
 * always sends them. Anything else is answered 400 here: a request Slack never sends is not a bug of
 * ours to log as one. Objects stay loose: Slack adds fields, and only the parts read are checked.
 */
const id = z.string().min(1).max(255);
const anyObject = z.looseObject({});
// Slack's ids of users, teams, channels and enterprises. Bolt keys plain objects by the team and
// enterprise ids (a team id `__proto__` crashed it), so these are checked to be ids, not just strings.
const slackId = z.string().regex(/^[A-Z0-9]{1,255}$/);
const user = z.looseObject({ id: slackId, team_id: slackId.optional() });
// Where Bolt looks for the workspace and the enterprise: objects or null where present.
const workspace = {
  team: z.looseObject({ id: slackId, enterprise_id: slackId.nullable().optional() }).nullable().optional(),
  enterprise: z.looseObject({ id: slackId }).nullable().optional(),
};

const slashCommand = z.looseObject({
  command: z.string().startsWith('/'),
  text: z.string(),
  user_id: slackId,
  channel_id: slackId,
  team_id: slackId,
  enterprise_id: slackId.optional(),
  trigger_id: id,
  response_url: z.url(),
});

const action = z.looseObject({ type: z.string(), action_id: id, value: z.string().optional() });
// Buttons in a message come with a response_url (the listeners answer the clicker through it); buttons
// in a view (the App Home) come without one.
const blockActionsFields = {
  type: z.literal('block_actions'),
  ...workspace,
  user,
  trigger_id: id,
  actions: z.array(action).min(1),
  channel: z.looseObject({ id: slackId }).optional(),
};
const blockActions = z.union([
  z.looseObject({ ...blockActionsFields, container: z.looseObject({ type: z.literal('view') }) }),
  z.looseObject({ ...blockActionsFields, response_url: z.url() }),
]);

const view = z.looseObject({
  id,
  team_id: slackId,
  app_installed_team_id: slackId.optional(),
  callback_id: z.string(),
  private_metadata: z.string(),
  state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), anyObject)) }),
});
// Bolt reads `response_urls[0].response_url` when the array is not empty.
const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  ...workspace,
  user,
  view,
  response_urls: z.array(z.looseObject({ response_url: z.url() })).optional(),
});
const viewClosed = z.looseObject({
  type: z.literal('view_closed'),
  ...workspace,
  user,
  view: z.looseObject({ id, callback_id: z.string() }),
});

// An external select's typeahead (the charge picker): what was typed so far, for one action id.
const blockSuggestion = z.looseObject({
  type: z.literal('block_suggestion'),
  ...workspace,
  user,
  action_id: id,
  value: z.string(),
  channel: z.looseObject({ id: slackId }).optional(),
});

const optionalText = z.string().optional();
const eventOf = {
  message: z.looseObject({
    channel: id,
    text: optionalText,
    user: optionalText,
    subtype: optionalText,
    thread_ts: optionalText,
  }),
  app_mention: z.looseObject({ channel: id, text: z.string(), user: optionalText, thread_ts: optionalText }),
  app_home_opened: z.looseObject({ user: id, tab: optionalText }),
} as const;
/** The events the manifest subscribes to: the only ones a Socket Mode envelope may carry to Bolt. */
export const SUBSCRIBED_EVENT_TYPES = Object.keys(eventOf) as (keyof typeof eventOf)[];

// Bolt reads `'id' in event.channel` and `'channel' in event.item` of every event, and the first
// authorization's fields: those must be objects where present.
const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: slackId,
  enterprise_id: slackId.nullable().optional(),
  event_id: id,
  authorizations: z
    .array(z.looseObject({ team_id: slackId.nullable().optional(), enterprise_id: slackId.nullable().optional() }))
    .optional(),
  event: z.looseObject({
    type: z.string().regex(/^[a-z][a-z_.]*$/),
    channel: z.union([z.string(), anyObject]).optional(),
    item: anyObject.optional(),
  }),
});

const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string() });

const byType = new Map<string, z.ZodType>(
  Object.entries({
    block_actions: blockActions,
    view_submission: viewSubmission,
    view_closed: viewClosed,
    block_suggestion: blockSuggestion,
    event_callback: eventCallback,
    url_verification: urlVerification,
    app_rate_limited: anyObject,
  }),
);

/**
 * Bolt routes a body by the keys it has (`event` first, then `command`, `name`, `actions`), not by its
 * `type`: a body is refused when a key would send it down another path than its type.
 */
const routingKeysAllowed: Record<string, string[]> = {
  command: ['command'],
  block_actions: ['actions'],
  view_submission: [],
  view_closed: [],
  block_suggestion: [],
  event_callback: ['event'],
  url_verification: [],
  app_rate_limited: [],
};
const ROUTING_KEYS = ['event', 'command', 'name', 'actions'];

/** Why a parsed Slack body cannot be handled (a short phrase naming no content), or undefined when it can. */
export function findPayloadProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return `not an object (${body === null ? 'null' : Array.isArray(body) ? 'array' : typeof body})`;
  const record = body as Record<string, unknown>;
  if (record.ssl_check === '1') return undefined;
  const type = 'command' in record ? 'command' : typeof record.type === 'string' ? record.type : undefined;
  const schema = type === 'command' ? slashCommand : type === undefined ? undefined : byType.get(type);
  if (!schema || type === undefined)
    return type === undefined ? 'no type' : `unhandled type ${JSON.stringify(type.slice(0, 40))}`;
  const misrouted = ROUTING_KEYS.find((key) => key in record && !(routingKeysAllowed[type] ?? []).includes(key));
  if (misrouted) return `${type} with a ${misrouted}`;
  const problem = describe(type, schema.safeParse(body));
  if (problem || type !== 'event_callback') return problem;
  const event = record.event as { type: string };
  const eventSchema = eventOf[event.type as keyof typeof eventOf] as z.ZodType | undefined;
  return eventSchema ? describe(`${event.type} event`, eventSchema.safeParse(event)) : undefined;
}

function describe(what: string, result: { success: boolean; error?: z.ZodError }): string | undefined {
  if (result.success) return undefined;
  const paths = (result.error?.issues ?? []).slice(0, 3).map((issue) => issue.path.join('.') || '(body)');
  return `malformed ${what}: ${paths.join(', ')}`;
}

/**
 * The body Bolt's HTTP receiver would parse from these bytes (its own rules: only the exact form
 * content type is a form), or the reason it is not one Bolt can take. A form body's `payload` must be
 * one JSON object; repeated or non-JSON, Bolt would hand the raw form on or throw.
 */
export function parseLikeBolt(
  rawBody: string,
  contentType: string | undefined,
): { ok: true; body: unknown } | { ok: false; problem: string } {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQueryString(rawBody);
      if (Array.isArray(form.payload)) return { ok: false, problem: 'several payload fields' };
      if (typeof form.payload === 'string') return { ok: true, body: JSON.parse(form.payload) as unknown };
      return { ok: true, body: { ...form } };
    }
    return { ok: true, body: JSON.parse(rawBody) as unknown };
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
}
