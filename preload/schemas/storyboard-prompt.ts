import { z } from 'zod';
import { STORYBOARD_PROMPT_LIMITS } from './storyboard-prompt-limits.js';
export { STORYBOARD_PROMPT_LIMITS } from './storyboard-prompt-limits.js';

export const STORY_MOODS = ['calm', 'warm', 'mysterious', 'tense', 'joyful', 'melancholy', 'epic'] as const;

/** The new project's title the dialog proposes: the prompt's first words (the creator can change it). */
export function projectTitleFromPrompt(prompt: string): string {
  const words = prompt.replace(/\s+/g, ' ').trim().split(' ').slice(0, 8).join(' ');
  return (words.length > 60 ? `${words.slice(0, 59)}…` : words) || 'Storyboard';
}

/** One prompt → a new narrated, illustrated storyboard project (`storyboard.fromPrompt`). */
export const StoryboardPromptSchema = z.strictObject({
  prompt: z.string().trim().min(1, 'Describe the story first.').max(STORYBOARD_PROMPT_LIMITS.prompt),
  sceneCount: z.int().min(STORYBOARD_PROMPT_LIMITS.scenes.min).max(STORYBOARD_PROMPT_LIMITS.scenes.max).default(STORYBOARD_PROMPT_LIMITS.scenes.default),
  /** An espeak voice id ('en', 'fr'…) for the narration. */
  voice: z.string().min(1).max(120).default('en'),
  /** auto: diffusion when an image model is installed, else procedural title cards. */
  imageEngine: z.enum(['auto', 'procedural', 'diffusion']).default('auto'),
  seed: z.int().min(0).max(0xffff_ffff).optional(),
  /** The project's title; absent: the title the text model gives the story. */
  title: z.string().trim().min(1).max(120).optional(),
  /** An installed text model id or a GGUF path; absent: the active text model. */
  model: z.string().min(1).max(1000).optional(),
});
export type StoryboardPrompt = z.output<typeof StoryboardPromptSchema>;

/** What the text model writes, constrained by a JSON schema built from this. */
export const StoryScriptSchema = z.object({
  title: z.string(),
  scenes: z.array(
    z.object({
      title: z.string(),
      caption: z.string(),
      narration: z.string(),
      imagePrompt: z.string(),
      mood: z.enum(STORY_MOODS),
    }),
  ),
});
export type StoryScript = z.infer<typeof StoryScriptSchema>;
