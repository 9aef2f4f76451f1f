import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCountingFetch } from '../../src/metrics/counting-fetch.ts';
import { failureReason } from '../../src/metrics/metrics.ts';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

function answering(response: () => Response | Promise<Response>) {
  globalThis.fetch = vi.fn(async () => response()) as unknown as typeof fetch;
}

describe('createCountingFetch: Slack calls that failed, by method and error', () => {
  it.each([
    ['an ok: false answer', () => Response.json({ ok: false, error: 'channel_not_found' }), 'channel_not_found'],
    ['an odd error code', () => Response.json({ ok: false, error: 'Something Odd!' }), 'other'],
    [
      'an ok: false answer laid out with spaces',
      () => new Response('{ "ok" : false, "error": "not_in_channel" }'),
      'not_in_channel',
    ],
    ['a 429', () => new Response('', { status: 429, headers: { 'retry-after': '3' } }), 'rate_limited'],
    ['a 503', () => new Response('down', { status: 503 }), 'http_503'],
  ])('counts %s', async (_what, response, error) => {
    answering(response);
    const seen: string[] = [];
    const counted = createCountingFetch((method, code) => seen.push(`${method} ${code}`));
    const answer = await counted('https://slack.com/api/chat.postMessage', { method: 'POST' });
    // WebClient reads the body as text: it is still there, whole.
    await answer.text();
    expect(seen).toEqual([`chat.postMessage ${error}`]);
  });

  it('counts a network error and lets it through', async () => {
    globalThis.fetch = vi.fn(async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const seen: string[] = [];
    await expect(
      createCountingFetch((m, e) => seen.push(`${m} ${e}`))('https://slack.com/api/views.open'),
    ).rejects.toThrow('fetch failed');
    expect(seen).toEqual(['views.open network_error']);
  });

  it('counts nothing for an ok answer nor for a response_url post', async () => {
    const seen: string[] = [];
    const counted = createCountingFetch((m, e) => seen.push(`${m} ${e}`));
    answering(() => Response.json({ ok: true }));
    expect(await (await counted('https://slack.com/api/chat.update')).text()).toBe('{"ok":true}');
    answering(() => new Response('invalid_blocks', { status: 400 }));
    await counted('https://hooks.slack.com/actions/T1/1/abc');
    expect(seen).toEqual([]);
  });
});

describe('failureReason: a given-up message’s reason as a label', () => {
  it.each([
    ['channel_not_found', 'channel_not_found'],
    ['rate_limited (retry after 3s); gave up after 1440 min', 'rate_limited'],
    ['http_500; gave up after 1440 min', 'http_500'],
    ['Error', 'other'],
    [null, 'unknown'],
  ])('%j → %s', (lastError, reason) => expect(failureReason(lastError)).toBe(reason));
});
