import { AtelierError } from '../../../preload/errors.js';
import type { Character } from '../../../preload/schemas/cast.js';
import { rowSpeaker, speakerKey } from '../../../preload/script-speakers.js';

/** One spoken line of a scene: who says it and what (marks still in it), and where it was written. */
export interface ScriptLine {
  character: Character;
  text: string;
  /** 1-based line number in the scene text where the line starts. */
  lineNumber: number;
}

/** A scene's narration as lines, and whether it was written as a script (`NAME: …`) at all. */
interface ParsedScript {
  script: boolean;
  lines: ScriptLine[];
}

/**
 * Reads a scene's text as a script when its first non-blank line starts with a speaker:
 * a cast member's name in any case, or any name in capitals. Each `NAME:` line starts a
 * new line of speech; lines without a name continue the previous speaker's. Plain text is
 * one line for the first character (the narrator). A speaker missing from the cast is
 * INVALID_INPUT naming the line, so nothing is rendered with a wrong voice.
 */
export function parseScript(text: string, characters: readonly Character[]): ParsedScript {
  const narrator = characters[0];
  if (!narrator) throw new AtelierError('INVALID_INPUT', 'The project’s cast has no characters: add a narrator in the Project tab.');
  const byName = new Map(characters.map((c) => [speakerKey(c.name), c]));
  const keys = new Set(byName.keys());
  const rows = text.replace(/\r\n?/g, '\n').split('\n');
  const speakerOf = (row: string) => rowSpeaker(row, keys);
  const first = rows.find((row) => row.trim() !== '');
  if (first === undefined || !speakerOf(first)) {
    return { script: false, lines: text.trim() === '' ? [] : [{ character: narrator, text: text.trim(), lineNumber: 1 }] };
  }
  const lines: ScriptLine[] = [];
  rows.forEach((row, i) => {
    if (row.trim() === '') return;
    const speaker = speakerOf(row);
    if (!speaker) {
      const last = lines.at(-1);
      if (last) last.text = `${last.text} ${row.trim()}`.trim();
      return;
    }
    const character = byName.get(speakerKey(speaker.name));
    if (!character) {
      const names = characters.map((c) => c.name).join(', ');
      throw new AtelierError(
        'INVALID_INPUT',
        `Line ${i + 1} ("${row.trim().slice(0, 60)}"): no character called "${speaker.name}" in the cast (${names}). Add it in the Project tab's Cast section.`,
      );
    }
    lines.push({ character, text: speaker.rest.trim(), lineNumber: i + 1 });
  });
  return { script: true, lines: lines.filter((line) => line.text !== '') };
}
