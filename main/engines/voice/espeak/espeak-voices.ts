import type { VoiceInfo, VoiceVariant } from '../../../../preload/schemas/voice.js';

type Gender = VoiceInfo['gender'];

function gender(ageGender: string | undefined): Gender {
  const g = ageGender?.split('/')[1];
  return g === 'M' ? 'male' : g === 'F' ? 'female' : 'unknown';
}

interface Row {
  language: string;
  gender: Gender;
  name: string;
  file: string;
  others: string[];
  /** espeak's preference for this voice per other language: lower wins. */
  priorities: number[];
}

/**
 * Reads the table `espeak-ng --voices` prints:
 * ` 5  de              --/M      German             gmw/de               (de-de 5)`.
 */
function parseRows(lines: readonly string[]): Row[] {
  const rows: Row[] = [];
  for (const line of lines) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5 || !/^\d+$/.test(fields[0] ?? '')) continue;
    const [, language, ageGender, name, file, ...rest] = fields as [string, string, string, string, string, ...string[]];
    const matches = [...rest.join(' ').matchAll(/\(?([A-Za-z][\w-]*)\s+(\d+)\)?/g)];
    const others = matches.map((m) => m[1] as string);
    const priorities = matches.map((m) => Number(m[2]));
    rows.push({ language, gender: gender(ageGender), name: name.replace(/_/g, ' '), file, others, priorities });
  }
  return rows;
}

export function parseVoiceTable(lines: readonly string[]): VoiceInfo[] {
  const seen = new Set<string>();
  const voices: VoiceInfo[] = [];
  for (const row of parseRows(lines)) {
    if (seen.has(row.language)) continue;
    seen.add(row.language);
    voices.push({ id: row.language, name: row.name, languages: [row.language, ...row.others.filter((o) => o !== row.language)], gender: row.gender });
  }
  return voices;
}

/** For a language with no voice of its own id (`en`), the voice espeak prefers for it (`en-gb`). */
export function parseVoiceAliases(lines: readonly string[]): Record<string, string> {
  const best: Record<string, { id: string; priority: number }> = {};
  for (const row of parseRows(lines)) {
    row.others.forEach((language, i) => {
      const priority = row.priorities[i] ?? 99;
      const current = best[language.toLowerCase()];
      if (!current || priority < current.priority) best[language.toLowerCase()] = { id: row.language, priority };
    });
  }
  return Object.fromEntries(Object.entries(best).map(([language, { id }]) => [language, id]));
}

/** The table of `--voices=variant`: files `!v/f3` become variant `f3`. */
export function parseVariantTable(lines: readonly string[]): VoiceVariant[] {
  return parseRows(lines)
    .filter((row) => row.file.startsWith('!v/'))
    .map((row) => ({ id: row.file.slice(3), name: row.name, gender: row.gender }));
}

/**
 * Finds the voice a person named: an id (`de`, `en-us`), a name (`German`), or either
 * with a variant (`en+f3`, `English+Female3`). Case does not matter. Undefined when unknown.
 */
export function resolveVoice(
  wanted: string,
  voices: readonly VoiceInfo[],
  variants: readonly VoiceVariant[],
  aliases: Readonly<Record<string, string>> = {},
): { voice: VoiceInfo; variant?: VoiceVariant; espeakName: string } | undefined {
  const [base = '', variantName, ...extra] = wanted.trim().split('+');
  if (extra.length > 0 || base === '') return undefined;
  const key = base.toLowerCase();
  const voice =
    voices.find((v) => v.id.toLowerCase() === key) ??
    voices.find((v) => v.name.toLowerCase() === key || v.name.toLowerCase().replace(/ /g, '_') === key) ??
    voices.find((v) => v.id === aliases[key]) ??
    voices.find((v) => v.languages.some((l) => l.toLowerCase() === key));
  if (!voice) return undefined;
  if (variantName === undefined) return { voice, espeakName: voice.id };
  const vkey = variantName.toLowerCase();
  const variant = variants.find((v) => v.id.toLowerCase() === vkey) ?? variants.find((v) => v.name.toLowerCase() === vkey);
  if (!variant) return undefined;
  return { voice, variant, espeakName: `${voice.id}+${variant.id}` };
}

/** espeak speaks 175 words a minute at rate 1; its range is 80 to 450. */
export function wordsPerMinute(rate: number): number {
  return Math.min(450, Math.max(80, Math.round(175 * rate)));
}
