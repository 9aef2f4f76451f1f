import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  buildBlockAction,
  buildDirectMessage,
  buildEventEnvelope,
  buildSlashCommand,
  buildViewSubmission,
} from '../../src/sandbox/slack-payloads.ts';
import { APPROVE_ACTION_ID, REJECT_ACTION_ID, TAKE_ACTION_ID } from '../../src/slack/messages/review-message.ts';

/** One request body as it goes over the wire: bytes and the content type they claim to be. */
export interface RawBody {
  body: string;
  contentType: string;
}

const FORM = 'application/x-www-form-urlencoded';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Real payloads of every kind this app handles: mutated, they are the nastiest bodies (almost right). */
function validPayloads(): Record<string, unknown>[] {
  const claimId = randomUUID();
  return [
    buildBlockAction({ actionId: APPROVE_ACTION_ID, value: claimId, user: 'UREVIEWER1' }),
    buildBlockAction({ actionId: REJECT_ACTION_ID, value: claimId, user: 'UREVIEWER1' }),
    buildBlockAction({ actionId: TAKE_ACTION_ID, value: claimId, user: 'UREVIEWER1' }),
    buildViewSubmission(),
    buildDirectMessage('voglio un rimborso'),
    buildEventEnvelope({ type: 'app_mention', channel: 'CGENERAL', user: 'UPRO', text: '<@UBOT> rimborso' }),
    buildEventEnvelope({ type: 'app_home_opened', user: 'UPRO', tab: 'home' }),
  ];
}

type Path = (string | number)[];
function pathsOf(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 5 || typeof value !== 'object' || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [
    [...prefix, key],
    ...pathsOf((value as Record<string | number, unknown>)[key], [...prefix, key], depth + 1),
  ]);
}

function mutate(payload: unknown, path: Path, replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(payload) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, [], {}, '', 0, -1, 1e308, true, '<!here>', '\u0000', 'x'.repeat(5000), '__proto__'),
);

/** A real payload with one part removed or replaced by something else. */
const mutatedPayload = fc
  .tuple(fc.constantFrom(...validPayloads()), fc.nat(), hostileValue, fc.boolean(), fc.nat({ max: 2 }))
  .map(([payload, pick, replacement, remove, times]) => {
    let current: unknown = payload;
    for (let i = 0; i <= times; i++) {
      const paths = pathsOf(current);
      if (paths.length === 0) break;
      current = mutate(current, paths[(pick + i * 7) % paths.length] as Path, replacement, remove);
    }
    return current;
  });

/** Signed bodies Slack never sends: not JSON, not objects, forms without or with bad payloads, near misses. */
export const hostileBody: fc.Arbitrary<RawBody> = fc.oneof(
  fc.json({ maxDepth: 3 }).map((body) => ({ body, contentType: 'application/json' })),
  fc.jsonValue({ maxDepth: 3 }).map((value) => ({ body: form({ payload: JSON.stringify(value) }), contentType: FORM })),
  fc.string({ maxLength: 200, unit: 'binary' }).map((body) => ({ body, contentType: 'application/json' })),
  fc.string({ maxLength: 200 }).map((payload) => ({ body: form({ payload }), contentType: FORM })),
  fc
    .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 6 })
    .map((fields) => ({ body: form(fields), contentType: FORM })),
  fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([a, b]) => ({
    body: `payload=${encodeURIComponent(JSON.stringify(a))}&payload=${encodeURIComponent(JSON.stringify(b))}`,
    contentType: FORM,
  })),
  mutatedPayload.map((payload) => ({ body: JSON.stringify(payload), contentType: 'application/json' })),
  mutatedPayload.map((payload) => ({ body: form({ payload: JSON.stringify(payload) }), contentType: FORM })),
  fc
    .constantFrom(...validPayloads())
    .map((payload) => ({ body: JSON.stringify(payload), contentType: 'text/plain; charset=utf-8' })),
  mutatedPayload.map((payload) => ({
    body: form(
      Object.fromEntries(
        Object.entries(payload as Record<string, unknown>).map(([k, v]) => [
          k,
          typeof v === 'string' ? v : JSON.stringify(v),
        ]),
      ),
    ),
    contentType: FORM,
  })),
  fc.constant({ body: form({ ...buildSlashCommand(), user_id: '' }), contentType: FORM }),
);

/** Sends `bodies` through `send` with at most `concurrency` in flight; returns how many got each status. */
export async function sendAll(
  bodies: RawBody[],
  send: (body: RawBody) => Promise<Response>,
  concurrency: number,
  serverErrors: RawBody[] = [],
): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++] as RawBody;
      const res = await send(body);
      await res.arrayBuffer();
      if (res.status >= 500) serverErrors.push(body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}
