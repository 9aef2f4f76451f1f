/**
 * Renders Block Kit as the plain text a person would read in Slack, for the demo: headers, sections,
 * fields, context lines, inputs with their labels and hints, buttons. Mentions become names.
 */
type Json = Record<string, unknown>;

export type Names = Readonly<Record<string, string>>;

const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const textOf = (value: unknown): string =>
  value && typeof value === 'object' ? String((value as Json).text ?? '') : '';

/** Slack mrkdwn to terminal text: mentions resolved, entities decoded, bold markers dropped. */
export function renderMrkdwn(text: string, names: Names = {}): string {
  return text
    .replace(/<@(\w+)>/g, (_all, id: string) => `@${names[id] ?? id}`)
    .replace(/<!subteam\^(\w+)>/g, '@team')
    .replace(/<!(here|channel)>/g, '@$1')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function renderElement(element: Json, names: Names): string {
  switch (element.type) {
    case 'button':
      return `[ ${textOf(element.text)} ]`;
    case 'datepicker':
      return '[ 📅 data ]';
    case 'number_input':
      return '[ numero ]';
    case 'static_select':
      return `[ ▾ ${asArray(element.options)
        .map((o) => textOf(o.text))
        .join(' | ')} ]`;
    case 'plain_text_input':
      return element.multiline ? '[ testo su più righe ]' : '[ testo ]';
    case 'mrkdwn':
    case 'plain_text':
      return renderMrkdwn(String(element.text ?? ''), names);
    default:
      return `[ ${String(element.type)} ]`;
  }
}

function renderBlock(block: Json, names: Names): string[] {
  switch (block.type) {
    case 'header':
      return [`━━ ${textOf(block.text)} ━━`];
    case 'section': {
      const lines = block.text ? renderMrkdwn(textOf(block.text), names).split('\n') : [];
      for (const field of asArray(block.fields))
        lines.push(`  ${renderMrkdwn(textOf(field), names).replace('\n', ': ')}`);
      if (block.accessory) lines.push(`  ${renderElement(block.accessory as Json, names)}`);
      return lines;
    }
    case 'context':
      return [
        asArray(block.elements)
          .map((e) => renderElement(e, names))
          .join('  '),
      ];
    case 'actions':
      return [
        asArray(block.elements)
          .map((e) => renderElement(e, names))
          .join(' '),
      ];
    case 'input': {
      const optional = block.optional ? ' (facoltativo)' : '';
      const hint = block.hint ? `\n      ↳ ${textOf(block.hint)}` : '';
      return [`  ${textOf(block.label)}${optional}: ${renderElement(block.element as Json, names)}${hint}`];
    }
    case 'divider':
      return ['────────────'];
    default:
      return [`[${String(block.type)}]`];
  }
}

export function renderBlocks(blocks: unknown, names: Names = {}): string {
  return asArray(blocks)
    .flatMap((block) => renderBlock(block, names))
    .join('\n');
}

/** A message: its blocks when it has some, otherwise its text. */
export function renderMessage(message: { text?: unknown; blocks?: unknown }, names: Names = {}): string {
  return asArray(message.blocks).length > 0
    ? renderBlocks(message.blocks, names)
    : renderMrkdwn(String(message.text ?? ''), names);
}

export function renderModal(view: unknown, names: Names = {}): string {
  const modal = (view ?? {}) as Json;
  const buttons = [modal.close, modal.submit]
    .filter(Boolean)
    .map((b) => `[ ${textOf(b)} ]`)
    .join(' ');
  return [`┏ ${textOf(modal.title)} ┓`, renderBlocks(modal.blocks, names), buttons].filter(Boolean).join('\n');
}
