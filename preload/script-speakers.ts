/**
 * How a narration script names its speakers (`NAME: text`), shared by the script renderer
 * in main and the scene editor's per-line voice picks, so what the editor writes is exactly
 * what the renderer reads.
 */

/** `NAME: text`: a name of letters, digits, spaces, - _ . ' (what a character's name may hold), then a colon. */
const SPEAKER = /^\s*([\p{L}\p{N}][\p{L}\p{N} _'’.-]{0,39}?)\s*:\s*(.*)$/u;

/** A name as the script matches it: case and runs of spaces do not matter. */
export function speakerKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/** A name in capitals (`OWL`) reads as a speaker even when the cast has no such character. */
function shouted(name: string): boolean {
  return /\p{Lu}/u.test(name) && name === name.toLocaleUpperCase('en');
}

/** The speaker a row names and the words after it, when the name is a cast member's (`castKeys`, any case) or in capitals. */
export function rowSpeaker(row: string, castKeys: ReadonlySet<string>): { name: string; rest: string } | undefined {
  const match = SPEAKER.exec(row);
  if (!match) return undefined;
  const name = match[1] ?? '';
  return castKeys.has(speakerKey(name)) || shouted(name) ? { name, rest: match[2] ?? '' } : undefined;
}
