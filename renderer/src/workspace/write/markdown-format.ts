/** An edit of the document with where the selection lands afterwards. */
interface TextEdit {
  text: string;
  start: number;
  end: number;
}

export type Formatting = 'bold' | 'italic' | 'heading' | 'bullets' | 'numbers' | 'quote' | 'link' | 'code';

const WRAP: Partial<Record<Formatting, string>> = { bold: '**', italic: '_', code: '`' };
const LINE_PREFIX: Partial<Record<Formatting, (index: number) => string>> = {
  heading: () => '## ',
  bullets: () => '- ',
  numbers: (index) => `${index + 1}. `,
  quote: () => '> ',
};

/**
 * Applies a toolbar button to the selection, aware of what is already there:
 * pressing Bold on bold text unwraps it, and a list button on a list removes it.
 */
export function applyFormatting(text: string, start: number, end: number, kind: Formatting): TextEdit {
  const wrap = WRAP[kind];
  if (wrap) {
    const selected = text.slice(start, end);
    const before = text.slice(start - wrap.length, start);
    const after = text.slice(end, end + wrap.length);
    if (before === wrap && after === wrap) {
      return { text: text.slice(0, start - wrap.length) + selected + text.slice(end + wrap.length), start: start - wrap.length, end: end - wrap.length };
    }
    const inner = selected || (kind === 'code' ? 'code' : kind === 'bold' ? 'bold text' : 'italic text');
    return { text: text.slice(0, start) + wrap + inner + wrap + text.slice(end), start: start + wrap.length, end: start + wrap.length + inner.length };
  }
  if (kind === 'link') {
    const label = text.slice(start, end) || 'link text';
    const inserted = `[${label}](https://)`;
    const urlAt = start + label.length + 3;
    return { text: text.slice(0, start) + inserted + text.slice(end), start: urlAt, end: urlAt + 8 };
  }
  const prefix = LINE_PREFIX[kind];
  if (!prefix) return { text, start, end };
  // Whole lines: from the start of the first selected line to the end of the last.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nextBreak = text.indexOf('\n', end > start && text[end - 1] === '\n' ? end - 1 : end);
  const lineEnd = nextBreak === -1 ? text.length : nextBreak;
  const lines = text.slice(lineStart, lineEnd).split('\n');
  const pattern = kind === 'numbers' ? /^\d+\.\s/ : kind === 'heading' ? /^#{1,6}\s/ : new RegExp(`^${prefix(0).replace(/[.*+?^${}()|[\]\\>-]/g, '\\$&')}`);
  const allHave = lines.every((line) => pattern.test(line));
  const changed = lines
    .map((line, index) => (allHave ? line.replace(pattern, '') : prefix(index) + line.replace(kind === 'heading' ? /^#{1,6}\s/ : /^$/, '')))
    .join('\n');
  return { text: text.slice(0, lineStart) + changed + text.slice(lineEnd), start: lineStart, end: lineStart + changed.length };
}

/** Where an accepted suggestion goes. */
export type Placement = 'append' | 'replace-selection' | 'replace-all' | 'insert';

export function placeSuggestion(text: string, start: number, end: number, suggestion: string, placement: Placement): TextEdit {
  switch (placement) {
    case 'append': {
      // A continuation joins the last sentence with a space, or starts a new paragraph after one.
      const joiner = text === '' || /\s$/.test(text) || /^\s/.test(suggestion) ? '' : ' ';
      const next = text + joiner + suggestion;
      return { text: next, start: next.length, end: next.length };
    }
    case 'replace-all':
      return { text: suggestion, start: 0, end: suggestion.length };
    case 'replace-selection':
    case 'insert': {
      const next = text.slice(0, start) + suggestion + text.slice(end);
      return { text: next, start, end: start + suggestion.length };
    }
  }
}
