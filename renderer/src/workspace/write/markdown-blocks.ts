/**
 * A small Markdown reader for the Write tab's preview. It produces a tree of plain
 * values that React renders as text nodes, so nothing in a document (a `<script>`,
 * an `onerror=`) can become markup, and images are named, never fetched.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  /** `href` is set only for web and mail addresses; anything else (javascript:, data:, file:) stays text. */
  | { kind: 'link'; href: string | null; children: Inline[] }
  | { kind: 'image'; alt: string; src: string };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

/** A link target with one level of balanced parentheses (wiki addresses have them), then an optional "title". */
const TARGET = String.raw`((?:[^()\s]|\([^()\s]*\))*)(?:\s+"[^"]*")?`;

// Sticky patterns read at a position without copying the rest of the text.
const IMAGE_AT = new RegExp(String.raw`!\[([^\]]*)\]\(${TARGET}\)`, 'y');
const LINK_AT = new RegExp(String.raw`\[([^\]]+)\]\(${TARGET}\)`, 'y');
// Emphasis spans are bounded, so a paragraph full of unclosed markers stays linear.
const STRONG_AT = /(\*\*|__)(?=\S)([\s\S]{0,2000}?\S)\1/y;
const EM_AT = /(\*|_)(?=\S)([\s\S]{0,2000}?\S)\1/y;

function matchAt(pattern: RegExp, source: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(source);
}

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  return SAFE_HREF.test(trimmed) ? trimmed : null;
}

/** Inline spans, read left to right; an unmatched marker is just a character. */
export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const char = source[i] as string;
    if (char === '\\' && i + 1 < source.length && /[\\`*_[\]()#!>-]/.test(source[i + 1] as string)) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (char === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    const image = char === '!' ? matchAt(IMAGE_AT, source, i) : null;
    if (image) {
      flush();
      out.push({ kind: 'image', alt: image[1] as string, src: image[2] as string });
      i += image[0].length;
      continue;
    }
    const link = char === '[' ? matchAt(LINK_AT, source, i) : null;
    if (link) {
      flush();
      out.push({ kind: 'link', href: safeHref(link[2] as string), children: parseInline(link[1] as string) });
      i += link[0].length;
      continue;
    }
    const strong = char === '*' || char === '_' ? matchAt(STRONG_AT, source, i) : null;
    if (strong) {
      flush();
      out.push({ kind: 'strong', children: parseInline(strong[2] as string) });
      i += strong[0].length;
      continue;
    }
    const em = char === '*' || char === '_' ? matchAt(EM_AT, source, i) : null;
    // An underscore inside a word (snake_case) is not emphasis.
    if (em && !(char === '_' && /\w/.test(source[i - 1] ?? ''))) {
      flush();
      out.push({ kind: 'em', children: parseInline(em[2] as string) });
      i += em[0].length;
      continue;
    }
    text += char;
    i += 1;
  }
  flush();
  return out;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;

function startsBlock(line: string): boolean {
  return HEADING.test(line) || RULE.test(line) || BULLET.test(line) || NUMBERED.test(line) || FENCE.test(line) || QUOTE.test(line);
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !(lines[i] as string).trimStart().startsWith(fence[1] as string)) body.push(lines[i++] as string);
      i += 1;
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: (heading[1] as string).length as 1 | 2 | 3 | 4 | 5 | 6, children: parseInline(heading[2] as string) });
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ kind: 'rule' });
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] as string)) body.push((QUOTE.exec(lines[i++] as string) as RegExpExecArray)[1] as string);
      blocks.push({ kind: 'quote', children: parseMarkdown(body.join('\n')) });
      continue;
    }
    const ordered = NUMBERED.test(line);
    if (ordered || BULLET.test(line)) {
      const marker = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      while (i < lines.length) {
        const current = lines[i] as string;
        const item = marker.exec(current);
        if (item) items.push(item[1] as string);
        // An indented line continues the item above it.
        else if (/^\s{2,}\S/.test(current) && items.length > 0) items[items.length - 1] += ` ${current.trim()}`;
        else break;
        i += 1;
      }
      blocks.push({ kind: 'list', ordered, items: items.map(parseInline) });
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && (lines[i] as string).trim() !== '' && !startsBlock(lines[i] as string)) body.push((lines[i++] as string).trim());
    blocks.push({ kind: 'paragraph', children: parseInline(body.join('\n')) });
  }
  return blocks;
}

/** Words in a document, for the editor's footer. */
export function wordCount(source: string): number {
  return source.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}
