import { expect } from 'vitest';

/**
 * Slack's Block Kit limits (shared/notes/slack-platform.md), checked independently of the
 * constants the builders use. Slack rejects a view or message that breaks any of them.
 */
type Json = Record<string, unknown>;

export interface MessageLike {
  text: string;
  blocks?: unknown[];
}

/**
 * Characters as Slack counts them: in plain_text, Slack escapes `&`, `<` and `>` itself before it
 * counts (a 75-character button of `&` is 375); mrkdwn arrives escaped by the builder and counts as is.
 * UTF-16 units, the stricter count for emoji and astral characters.
 */
export function slackLength(text: string, type: 'plain_text' | 'mrkdwn'): number {
  if (type === 'mrkdwn') return text.length;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').length;
}

/** The unofficial ceiling of a message's block text (`msg_blocks_too_long` near 13.2k). */
export const MESSAGE_BLOCK_TEXT_MAX = 13_000;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

class Checker {
  readonly problems: string[] = [];
  private readonly blockIds = new Set<string>();
  private readonly actionIds = new Set<string>();
  /** Characters of every text object seen, for the message's total. */
  totalText = 0;

  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** A string of 1..max characters (UTF-16 units, the stricter count). */
  length(where: string, value: unknown, max: number, { optional = false } = {}): void {
    if (value === undefined && optional) return;
    if (typeof value !== 'string') return this.fail(`${where}: missing`);
    if (value.length === 0) this.fail(`${where}: empty`);
    if (value.length > max) this.fail(`${where}: ${value.length} > ${max}`);
  }

  /** A text object `{ type, text }` of at most `max` characters. */
  textObject(where: string, value: unknown, max: number, { optional = false, plainOnly = false } = {}): void {
    if (value === undefined && optional) return;
    if (!isObject(value)) return this.fail(`${where}: not a text object`);
    const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
    if (!allowed.includes(String(value.type))) this.fail(`${where}: type ${String(value.type)}`);
    if (typeof value.text !== 'string') return this.fail(`${where}.text: missing`);
    if (value.text.length === 0) this.fail(`${where}.text: empty`);
    const counted = slackLength(value.text, value.type === 'mrkdwn' ? 'mrkdwn' : 'plain_text');
    this.totalText += counted;
    if (counted > max) this.fail(`${where}.text: ${counted} > ${max}`);
  }

  id(kind: 'block_id' | 'action_id', where: string, value: unknown): void {
    if (value === undefined) return;
    this.length(`${where}.${kind}`, value, 255);
    const seen = kind === 'block_id' ? this.blockIds : this.actionIds;
    if (typeof value === 'string' && seen.has(value)) this.fail(`${where}.${kind}: duplicate ${value}`);
    if (typeof value === 'string') seen.add(value);
  }

  confirm(where: string, value: unknown): void {
    if (value === undefined) return;
    if (!isObject(value)) return this.fail(`${where}: not an object`);
    this.textObject(`${where}.title`, value.title, 100, { optional: true, plainOnly: true });
    this.textObject(`${where}.text`, value.text, 300);
    this.textObject(`${where}.confirm`, value.confirm, 30, { optional: true, plainOnly: true });
    this.textObject(`${where}.deny`, value.deny, 30, { optional: true, plainOnly: true });
  }

  element(where: string, element: unknown): void {
    if (!isObject(element)) return this.fail(`${where}: not an element`);
    if (element.type !== 'image') this.id('action_id', where, element.action_id);
    this.textObject(`${where}.placeholder`, element.placeholder, 150, { optional: true, plainOnly: true });
    this.confirm(`${where}.confirm`, element.confirm);
    switch (element.type) {
      case 'button':
        this.textObject(`${where}.text`, element.text, 75, { plainOnly: true });
        this.length(`${where}.value`, element.value, 2000, { optional: true });
        if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
          this.fail(`${where}.style: ${String(element.style)}`);
        }
        break;
      case 'plain_text_input':
        for (const key of ['min_length', 'max_length'] as const) {
          const value = element[key];
          if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 3000)) {
            this.fail(`${where}.${key}: ${String(value)}`);
          }
        }
        break;
      case 'number_input':
        if (typeof element.is_decimal_allowed !== 'boolean') this.fail(`${where}.is_decimal_allowed: missing`);
        for (const key of ['min_value', 'max_value', 'initial_value'] as const) {
          if (element[key] !== undefined && typeof element[key] !== 'string')
            this.fail(`${where}.${key}: not a string`);
        }
        break;
      case 'static_select': {
        const options = asArray(element.options);
        if (options.length === 0 || options.length > 100) this.fail(`${where}.options: ${options.length}`);
        options.forEach((option, i) => {
          const value = isObject(option) ? option.value : undefined;
          this.textObject(`${where}.options[${i}].text`, isObject(option) ? option.text : undefined, 75, {
            plainOnly: true,
          });
          // Slack's documented maximum for an option's value.
          this.length(`${where}.options[${i}].value`, value, 150);
        });
        break;
      }
    }
  }

  block(where: string, block: unknown): void {
    if (!isObject(block)) return this.fail(`${where}: not a block`);
    this.id('block_id', where, block.block_id);
    switch (block.type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined) this.fail(`${where}: neither text nor fields`);
        this.textObject(`${where}.text`, block.text, 3000, { optional: true });
        const fields = block.fields === undefined ? [] : asArray(block.fields);
        if (fields.length > 10) this.fail(`${where}.fields: ${fields.length} > 10`);
        fields.forEach((field, i) => this.textObject(`${where}.fields[${i}]`, field, 2000));
        if (block.accessory !== undefined) this.element(`${where}.accessory`, block.accessory);
        break;
      }
      case 'header':
        this.textObject(`${where}.text`, block.text, 150, { plainOnly: true });
        break;
      case 'context': {
        const elements = asArray(block.elements);
        if (elements.length === 0 || elements.length > 10) this.fail(`${where}.elements: ${elements.length}`);
        elements.forEach((element, i) => this.textObject(`${where}.elements[${i}]`, element, 3000));
        break;
      }
      case 'actions': {
        const elements = asArray(block.elements);
        if (elements.length === 0 || elements.length > 25) this.fail(`${where}.elements: ${elements.length}`);
        elements.forEach((element, i) => this.element(`${where}.elements[${i}]`, element));
        break;
      }
      case 'input':
        this.textObject(`${where}.label`, block.label, 2000, { plainOnly: true });
        this.textObject(`${where}.hint`, block.hint, 2000, { optional: true, plainOnly: true });
        this.element(`${where}.element`, block.element);
        break;
      case 'divider':
        break;
      default:
        this.fail(`${where}: unchecked block type ${String(block.type)}`);
    }
  }
}

/** Every limit the subject breaks, as readable paths; empty when Slack would accept it. */
export function findBlockKitViolations(subject: unknown): string[] {
  const checker = new Checker();
  if (!isObject(subject)) return ['not an object'];
  const blocks = asArray(subject.blocks);
  if (subject.type === 'home') {
    if (blocks.length > 100) checker.fail(`blocks: ${blocks.length} > 100`);
    if (typeof subject.private_metadata === 'string' && subject.private_metadata.length > 3000) {
      checker.fail(`private_metadata: ${subject.private_metadata.length} > 3000`);
    }
  } else if (subject.type === 'modal') {
    checker.textObject('title', subject.title, 24, { plainOnly: true });
    checker.textObject('submit', subject.submit, 24, { optional: true, plainOnly: true });
    checker.textObject('close', subject.close, 24, { optional: true, plainOnly: true });
    checker.length('callback_id', subject.callback_id, 255, { optional: true });
    if (typeof subject.private_metadata === 'string' && subject.private_metadata.length > 3000) {
      checker.fail(`private_metadata: ${subject.private_metadata.length} > 3000`);
    }
    if (blocks.length > 100) checker.fail(`blocks: ${blocks.length} > 100`);
    const hasInput = blocks.some((block) => isObject(block) && block.type === 'input');
    if (hasInput && subject.submit === undefined) checker.fail('submit: required with input blocks');
    if (JSON.stringify(subject).length > 250_000) checker.fail('view: over 250 KB');
  } else {
    // A message: the plain `text` is the notification and screen-reader fallback.
    checker.length('text', subject.text, 40_000);
    if (blocks.length > 50) checker.fail(`blocks: ${blocks.length} > 50`);
  }
  blocks.forEach((block, i) => checker.block(`blocks[${i}]`, block));
  if (subject.type !== 'modal' && subject.type !== 'home' && checker.totalText > MESSAGE_BLOCK_TEXT_MAX) {
    checker.fail(`blocks' text: ${checker.totalText} > ${MESSAGE_BLOCK_TEXT_MAX}`);
  }
  return checker.problems;
}

export function expectWithinBlockKitLimits(subject: object): void {
  expect(findBlockKitViolations(subject)).toEqual([]);
}
