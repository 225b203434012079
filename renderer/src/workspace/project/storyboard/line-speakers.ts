import { rowSpeaker, speakerKey } from '../../../../../preload/script-speakers.js';

/**
 * The scene editor's per-line voice picks, written into the text itself as `NAME: …`
 * prefixes: the text stays the one source of truth, so a pick round-trips with a script
 * typed by hand and the renderer reads both alike (preload/script-speakers.ts).
 */

/** The 0-based row of the text the caret is on. */
export function rowAt(text: string, caret: number): number {
  let row = 0;
  for (let i = 0; i < Math.min(caret, text.length); i++) if (text[i] === '\n') row++;
  return row;
}

function rowsOf(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/**
 * Who speaks a row, as the renderer would read it: the name it starts with, else the
 * speaker of the nearest named row above; plain text (its first row names nobody) is the
 * narrator's, the cast's first character. Cast names come back as the cast spells them.
 */
export function speakerOfRow(text: string, row: number, names: readonly string[]): string {
  const keys = new Set(names.map(speakerKey));
  const spelled = (name: string) => names.find((n) => speakerKey(n) === speakerKey(name)) ?? name;
  const rows = rowsOf(text);
  const first = rows.findIndex((r) => r.trim() !== '');
  const narrator = names[0] ?? '';
  if (first === -1 || !rowSpeaker(rows[first] ?? '', keys)) return narrator;
  for (let r = Math.min(row, rows.length - 1); r >= 0; r--) {
    const named = rowSpeaker(rows[r] ?? '', keys);
    if (named) return spelled(named.name);
  }
  return narrator;
}

/**
 * The text with `name` speaking the row: its `NAME:` prefix replaced or added (in
 * capitals, as scripts are written). Every other row keeps its speaker: when the row was
 * part of plain text the first row gets the narrator's prefix (so the text reads as a
 * script), and the next row that continued the same speech gets its old speaker's name.
 * Returns the new text and where the caret goes (after the new prefix).
 */
export function withRowSpeaker(text: string, row: number, name: string, names: readonly string[]): { text: string; caret: number } {
  const keys = new Set(names.map(speakerKey));
  const rows = rowsOf(text);
  while (rows.length <= row) rows.push('');
  const original = rows.join('\n');
  const first = rows.findIndex((r) => r.trim() !== '');
  const plain = first === -1 || !rowSpeaker(rows[first] ?? '', keys);
  const next = rows.findIndex((r, i) => i > row && r.trim() !== '');
  const nextSpeaker = next === -1 || rowSpeaker(rows[next] ?? '', keys) ? undefined : speakerOfRow(original, next, names);
  const prefixed = (who: string, line: string) => `${who.toLocaleUpperCase('en')}: ${rowSpeaker(line, keys)?.rest ?? line.trim()}`;
  rows[row] = prefixed(name, rows[row] ?? '');
  if (plain && first !== -1 && first < row) rows[first] = prefixed(names[0] ?? name, rows[first] ?? '');
  if (nextSpeaker !== undefined && speakerKey(nextSpeaker) !== speakerKey(name)) rows[next] = prefixed(nextSpeaker, rows[next] ?? '');
  const caret = rows.slice(0, row).reduce((n, r) => n + r.length + 1, 0) + name.toLocaleUpperCase('en').length + 2;
  return { text: rows.join('\n'), caret };
}
