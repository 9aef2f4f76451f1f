import type { MrkdwnElement, PlainTextElement } from '@slack/types';

/** The Block Kit limits the builders must respect (see shared/notes/slack-platform.md). */
export const BLOCK_KIT_LIMITS = {
  modalTitle: 24,
  header: 150,
  sectionText: 3000,
  field: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  optionText: 75,
  hint: 2000,
} as const;

const ELLIPSIS = '…';

/**
 * Escapes the three characters Slack's mrkdwn treats as control sequences, so a user-entered
 * `<!channel>` or `<https://…|link>` is shown as text instead of pinging or linking.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** At most `max` UTF-16 units, cut on a code point boundary and marked with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = '';
  for (const char of text) {
    if (kept.length + char.length > max - ELLIPSIS.length) break;
    kept += char;
  }
  return kept + ELLIPSIS;
}

/** Escapes `raw` for mrkdwn and fits it in `max`, never cutting an entity such as `&amp;` in half. */
export function escapeAndTruncate(raw: string, max: number): string {
  const escaped = escapeMrkdwn(raw);
  if (escaped.length <= max) return escaped;
  let kept = '';
  for (const char of raw) {
    const piece = escapeMrkdwn(char);
    if (kept.length + piece.length > max - ELLIPSIS.length) break;
    kept += piece;
  }
  return kept + ELLIPSIS;
}

export function plainText(text: string, max?: number): PlainTextElement {
  return { type: 'plain_text', text: max === undefined ? text : truncate(text, max), emoji: true };
}

export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}
