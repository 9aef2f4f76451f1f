import { describe, it, expect } from 'vitest';
import { findBlockKitViolations } from './block-kit-limits.ts';

const section = (text: string, blockId?: string) => ({
  type: 'section',
  block_id: blockId,
  text: { type: 'mrkdwn', text },
});
const button = (overrides: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'go',
  text: { type: 'plain_text', text: 'Go' },
  ...overrides,
});

describe('the Block Kit limits helper', () => {
  it('accepts a small valid modal and message', () => {
    expect(
      findBlockKitViolations({ type: 'modal', title: { type: 'plain_text', text: 'Ok' }, blocks: [section('hi')] }),
    ).toEqual([]);
    expect(findBlockKitViolations({ text: 'hi', blocks: [section('hi')] })).toEqual([]);
  });

  it.each([
    ['a 25-character modal title', { type: 'modal', title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] }],
    [
      'a modal with 101 blocks',
      {
        type: 'modal',
        title: { type: 'plain_text', text: 'Ok' },
        blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })),
      },
    ],
    [
      'private_metadata over 3000',
      { type: 'modal', title: { type: 'plain_text', text: 'Ok' }, private_metadata: 'x'.repeat(3001), blocks: [] },
    ],
    ['a message with 51 blocks', { text: 'hi', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }],
    ['a message without fallback text', { text: '', blocks: [section('hi')] }],
    ['section text over 3000', { text: 'hi', blocks: [section('x'.repeat(3001))] }],
    [
      '11 fields',
      {
        text: 'hi',
        blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }],
      },
    ],
    [
      'a field over 2000',
      { text: 'hi', blocks: [{ type: 'section', fields: [{ type: 'mrkdwn', text: 'x'.repeat(2001) }] }] },
    ],
    [
      'a header over 150',
      { text: 'hi', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] },
    ],
    [
      'button text over 75',
      {
        text: 'hi',
        blocks: [{ type: 'actions', elements: [button({ text: { type: 'plain_text', text: 'x'.repeat(76) } })] }],
      },
    ],
    [
      'button value over 2000',
      { text: 'hi', blocks: [{ type: 'actions', elements: [button({ value: 'x'.repeat(2001) })] }] },
    ],
    [
      'confirm text over 300',
      {
        text: 'hi',
        blocks: [
          { type: 'actions', elements: [button({ confirm: { text: { type: 'plain_text', text: 'x'.repeat(301) } } })] },
        ],
      },
    ],
    ['a block id over 255', { text: 'hi', blocks: [section('hi', 'x'.repeat(256))] }],
    ['two blocks with the same id', { text: 'hi', blocks: [section('a', 'same'), section('b', 'same')] }],
    [
      'a button of 16 & (80 characters once Slack escapes them)',
      {
        text: 'hi',
        blocks: [{ type: 'actions', elements: [button({ text: { type: 'plain_text', text: '&'.repeat(16) } })] }],
      },
    ],
    [
      'a header of 38 < (152 once escaped)',
      { text: 'hi', blocks: [{ type: 'header', text: { type: 'plain_text', text: '<'.repeat(38) } }] },
    ],
    [
      'a message whose blocks hold over 13,000 characters',
      { text: 'hi', blocks: Array.from({ length: 5 }, () => section('x'.repeat(2900))) },
    ],
    ['a home view with 101 blocks', { type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }],
    ['a duplicate action id', { text: 'hi', blocks: [{ type: 'actions', elements: [button(), button()] }] }],
    [
      'an action id over 255',
      { text: 'hi', blocks: [{ type: 'actions', elements: [button({ action_id: 'a'.repeat(256) })] }] },
    ],
    [
      'a modal submit over 24',
      {
        type: 'modal',
        title: { type: 'plain_text', text: 'Ok' },
        submit: { type: 'plain_text', text: 'x'.repeat(25) },
        blocks: [],
      },
    ],
  ])('reports %s', (_name, subject) => {
    expect(findBlockKitViolations(subject)).not.toEqual([]);
  });
});
