import { describe, it, expect } from 'vitest';
import { escapeAndTruncate, escapeMrkdwn, truncate } from '../../../src/slack/messages/slack-text.ts';

describe('mrkdwn text helpers', () => {
  it('escapes &, < and > so user text cannot mention or link', () => {
    expect(escapeMrkdwn('<!channel> & <https://x.example|click>')).toBe(
      '&lt;!channel&gt; &amp; &lt;https://x.example|click&gt;',
    );
  });

  it('leaves text that fits untouched', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(escapeAndTruncate('a&b', 7)).toBe('a&amp;b');
  });

  it('cuts to the limit with an ellipsis, never splitting an emoji', () => {
    const cut = truncate('😀'.repeat(10), 6);
    expect(cut.length).toBeLessThanOrEqual(6);
    expect(cut).toBe('😀😀…');
  });

  it('never cuts an escaped entity in half', () => {
    const cut = escapeAndTruncate('&'.repeat(100), 13);
    expect(cut).toBe('&amp;&amp;…');
    expect(cut.length).toBeLessThanOrEqual(13);
  });
});
