import { z } from 'zod';
import { VOICE_ENGINES, VOICE_LIMITS } from './voice.js';

/** Limits shared by the contract, the Project tab's Cast section and the script renderer. */
export const CAST_LIMITS = {
  characters: 32,
  name: 40,
  pronunciations: 500,
  word: 64,
  say: 200,
  /** The longest `[pause N]` a narration may ask for, in seconds. */
  pauseSeconds: 30,
} as const;

/**
 * A character's name is what a script line starts with (`FOX: …`), so it holds no colon
 * and starts with a letter or digit; matched case-insensitively.
 */
export const CharacterNameSchema = z
  .string()
  .trim()
  .min(1, 'A character needs a name.')
  .max(CAST_LIMITS.name)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _'’.-]*$/u, 'A character’s name holds letters, digits, spaces, - _ . and apostrophes (no colon).');

/**
 * One voice of the cast. `engine` is any voice engine the Voice tab offers (a new engine
 * joins VOICE_ENGINES and is accepted here with no change); `voice` is that engine's voice id.
 */
export const CharacterSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: CharacterNameSchema,
  engine: z.enum(VOICE_ENGINES),
  voice: z.string().trim().min(1).max(120),
  /** A multi-speaker neural voice's speaker. */
  speaker: z.int().nonnegative().max(10_000).optional(),
  rate: z.number().min(VOICE_LIMITS.rate.min).max(VOICE_LIMITS.rate.max).default(VOICE_LIMITS.rate.default),
  pitch: z.number().int().min(VOICE_LIMITS.pitch.min).max(VOICE_LIMITS.pitch.max).default(VOICE_LIMITS.pitch.default),
});
export type Character = z.output<typeof CharacterSchema>;

/**
 * One dictionary entry: `say` is a respelling ("nyeh-vul") that replaces the word, or IPA
 * between slashes (`/ˈnaɪ.vəl/`) given to the phonemizer as phonemes.
 */
export const PronunciationSchema = z.strictObject({
  word: z
    .string()
    .trim()
    .min(1)
    .max(CAST_LIMITS.word)
    .regex(/^[^\s[\]]+( [^\s[\]]+)*$/u, 'A dictionary word has no brackets and single spaces.'),
  say: z.string().trim().min(1).max(CAST_LIMITS.say),
});
export type Pronunciation = z.output<typeof PronunciationSchema>;

/** A project's voices and how its words are said. */
export const ProjectCastSchema = z
  .strictObject({
    characters: z.array(CharacterSchema).min(1, 'A cast has at least one character (the narrator).').max(CAST_LIMITS.characters),
    pronunciations: z.array(PronunciationSchema).max(CAST_LIMITS.pronunciations).default([]),
  })
  .superRefine((cast, ctx) => {
    const seen = new Set<string>();
    cast.characters.forEach((character, i) => {
      const key = character.name.toLocaleLowerCase('en');
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['characters', i, 'name'], message: `Two characters are called "${character.name}".` });
      seen.add(key);
    });
    const ids = new Set(cast.characters.map((c) => c.id));
    if (ids.size !== cast.characters.length) ctx.addIssue({ code: 'custom', path: ['characters'], message: 'Two characters share an id.' });
  });
export type ProjectCast = z.output<typeof ProjectCastSchema>;

/** What a new project starts with, and what an older project without a cast gets when it opens. */
export function defaultCast(): ProjectCast {
  return {
    characters: [{ id: 'narrator', name: 'Narrator', engine: 'espeak', voice: 'en', rate: VOICE_LIMITS.rate.default, pitch: VOICE_LIMITS.pitch.default }],
    pronunciations: [],
  };
}

/** "Try it": the word spoken with the dictionary applied, by a character (the first when absent). */
export const TryPronunciationSchema = z.strictObject({
  word: z.string().trim().min(1).max(CAST_LIMITS.say),
  /** An entry not saved yet: tried in place of the dictionary's own for this word. */
  say: z.string().trim().min(1).max(CAST_LIMITS.say).optional(),
  characterId: z.string().min(1).max(64).optional(),
});
