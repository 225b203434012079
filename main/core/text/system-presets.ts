import path from 'node:path';
import { z } from 'zod';
import { AtelierError } from '../../../preload/errors.js';
import { SystemPresetSchema, type SystemPreset } from '../../../preload/schemas/text.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { readJsonFile } from '../files/read-json.js';
import type { Logger } from '../../platform/log.js';

/** The system prompts every creator starts with; each can be edited, and deleting one brings its default back. */
export const BUILT_IN_PRESETS: readonly SystemPreset[] = [
  {
    id: 'story-writer',
    name: 'Story writer',
    system:
      'You are a novelist helping a creator write fiction. Keep their voice, tense and point of view; favour concrete detail, living dialogue and scenes over summaries. Answer with the text only.',
    builtIn: true,
  },
  {
    id: 'editor',
    name: 'Editor',
    system:
      'You are a careful line editor. Fix grammar and clumsy phrasing, cut needless words, keep the author’s meaning, voice and Markdown formatting. Answer with the edited text only.',
    builtIn: true,
  },
  {
    id: 'screenwriter',
    name: 'Screenwriter',
    system:
      'You are a screenwriter. Write in screenplay style: scene headings, short action lines, dialogue under character names in capitals. Show, do not tell. Answer with the script text only.',
    builtIn: true,
  },
  {
    id: 'teacher',
    name: 'Teacher',
    system:
      'You are a patient teacher preparing lesson material. Explain simply and accurately, build from what learners know, use short examples, and end with a question to check understanding. Answer in Markdown.',
    builtIn: true,
  },
  {
    id: 'game-master',
    name: 'Game master',
    system:
      'You are the game master of a tabletop role-playing game. Describe places and characters vividly, give the players clear choices, and keep the rules light. Answer with the narration only.',
    builtIn: true,
  },
];

/** What the data folder keeps: the user's own presets and their edits of built-in ones (unchanged defaults are not stored). */
const PresetFileSchema = z.strictObject({
  version: z.literal(1),
  presets: z.array(SystemPresetSchema).max(100),
});

export function presetsFile(home: string): string {
  return path.join(home, 'text-presets.json');
}

function sameAsDefault(preset: SystemPreset, builtIn: SystemPreset): boolean {
  return preset.name === builtIn.name && preset.system === builtIn.system;
}

/**
 * Checks a list the user saves: ids are unique, and `builtIn` is true exactly for
 * the ids of built-in presets (a client cannot mint a new "built-in" one).
 */
export function normalizePresets(presets: readonly SystemPreset[]): SystemPreset[] {
  const seen = new Set<string>();
  const builtInIds = new Set(BUILT_IN_PRESETS.map((preset) => preset.id));
  return presets.map((preset) => {
    if (seen.has(preset.id)) throw new AtelierError('INVALID_INPUT', `Two presets share the id "${preset.id}"; each needs its own.`);
    seen.add(preset.id);
    return { ...preset, builtIn: builtInIds.has(preset.id) };
  });
}

/** Built-in presets first (the user's edit where there is one), then the user's own in their order. */
export function mergeWithBuiltIns(saved: readonly SystemPreset[]): SystemPreset[] {
  const byId = new Map(saved.map((preset) => [preset.id, preset]));
  const builtIns = BUILT_IN_PRESETS.map((builtIn) => {
    const edited = byId.get(builtIn.id);
    return edited ? { ...edited, builtIn: true } : { ...builtIn };
  });
  const builtInIds = new Set(BUILT_IN_PRESETS.map((preset) => preset.id));
  return [...builtIns, ...saved.filter((preset) => !builtInIds.has(preset.id)).map((preset) => ({ ...preset, builtIn: false }))];
}

/** What is worth storing: edited built-ins and the user's own presets. */
export function presetsToStore(presets: readonly SystemPreset[]): SystemPreset[] {
  const defaults = new Map(BUILT_IN_PRESETS.map((preset) => [preset.id, preset]));
  return presets.filter((preset) => {
    const builtIn = defaults.get(preset.id);
    return !builtIn || !sameAsDefault(preset, builtIn);
  });
}

export async function loadPresets(home: string, log?: Logger): Promise<SystemPreset[]> {
  const read = await readJsonFile(presetsFile(home), PresetFileSchema);
  if (read.ok) return mergeWithBuiltIns(read.value.presets);
  // A damaged file must not take the Write tab down: the defaults stand in until the next save replaces it.
  if (read.reason === 'invalid') log?.warn('text', `ignoring damaged presets file: ${read.message}`);
  return mergeWithBuiltIns([]);
}

export async function savePresets(home: string, presets: readonly SystemPreset[]): Promise<SystemPreset[]> {
  const normalized = normalizePresets(presets);
  const file = { version: 1 as const, presets: presetsToStore(normalized) };
  try {
    await writeFileAtomic(presetsFile(home), `${JSON.stringify(file, null, 2)}\n`);
  } catch (error) {
    throw new AtelierError('IO_ERROR', `Could not save the presets: ${(error as Error).message}`);
  }
  return mergeWithBuiltIns(file.presets);
}
