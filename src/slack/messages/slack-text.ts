/**
 * Block Kit toolkit shared by every message and view builder: the `SlackMessage` shape, Slack's size limits
 * (`BLOCK_KIT_LIMITS`), and the helpers that escape user text for mrkdwn and cut or split it to fit. Rule: user
 * text reaches mrkdwn only through `escapeMrkdwn` (or a helper built on it), never raw.
 */
import type { KnownBlock, MrkdwnElement, PlainTextElement } from '@slack/types';

/**
 * What every message builder returns: the plain `text` Slack shows in notifications and to screen
 * readers, and the blocks. DMs to the professional may be `text` alone (`blocks` optional there).
 */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}
export type DirectMessage = Omit<SlackMessage, 'blocks'> & { blocks?: KnownBlock[] };

/** A section of mrkdwn text: the block most messages and tabs are made of. */
export function section(text: string): { type: 'section'; text: MrkdwnElement } {
  return { type: 'section', text: mrkdwn(text) };
}

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

/**
 * A plain_text object of at most `max` characters as Slack counts them: Slack escapes `&<>` in
 * plain_text itself and counts the result, so `&` weighs 5.
 */
export function plainText(text: string, max?: number): PlainTextElement {
  return { type: 'plain_text', text: max === undefined ? text : fitPlainText(text, max), emoji: true };
}

/** At most `max` characters as Slack counts plain_text (after its own escaping of `&<>`), cut with an ellipsis. */
export function fitPlainText(text: string, max: number): string {
  if (escapeMrkdwn(text).length <= max) return text;
  let kept = '';
  let counted = 0;
  for (const char of text) {
    const weight = escapeMrkdwn(char).length;
    if (counted + weight > max - ELLIPSIS.length) break;
    kept += char;
    counted += weight;
  }
  return kept + ELLIPSIS;
}

export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

/**
 * A person's text as a mrkdwn quote: escaped, and every line break continues the quote. Never cut:
 * Slack's limits count what this returns, so a long result is split with `splitMrkdwn`.
 */
export function quoteMrkdwn(raw: string): string {
  return escapeMrkdwn(raw).replace(/\n/g, '\n>');
}

/**
 * Splits mrkdwn into pieces of at most `max` characters (for one section each), losing nothing: at a
 * line break where there is one, otherwise never inside an entity (`&amp;`) or a surrogate pair; a
 * quoted line cut in two stays quoted in the next piece.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const lineBreak = rest.lastIndexOf('\n', max);
    if (lineBreak > 0) {
      pieces.push(rest.slice(0, lineBreak));
      rest = rest.slice(lineBreak + 1);
      continue;
    }
    let cut = max;
    const ampersand = rest.lastIndexOf('&', cut - 1);
    if (ampersand > cut - 5 && ampersand > 0 && !rest.slice(ampersand, cut).includes(';')) cut = ampersand;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    const piece = rest.slice(0, cut);
    pieces.push(piece);
    rest = (piece.startsWith('>') ? '>' : '') + rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}
