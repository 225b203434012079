import type { Scene } from '../../../preload/contract.js';
import type { ChatMessage } from '../../engines/text/text-generation.js';

/** Enough for the two or three sentences a scene is read aloud in. */
export const SCENE_WRITE_MAX_TOKENS = 240;

function clip(text: string, chars: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= chars ? clean : `${clean.slice(0, chars - 1)}…`;
}

function describe(scene: Scene | undefined): string | undefined {
  if (!scene) return undefined;
  const title = clip(scene.title, 200) || 'Untitled';
  const text = clip(scene.text, 600);
  return text ? `"${title}": ${text}` : `"${title}"`;
}

/** Asks for one scene's narration from its title, with the story around it as context (the Write scene action). */
export function sceneWriteMessages(projectTitle: string, scenes: readonly Scene[], index: number): ChatMessage[] {
  const scene = scenes[index] as Scene;
  const context = [`Story: ${clip(projectTitle, 200)}`];
  const previous = describe(scenes[index - 1]);
  const next = describe(scenes[index + 1]);
  if (previous) context.push(`Previous scene ${previous}`);
  if (next) context.push(`Next scene ${next}`);
  return [
    {
      role: 'system',
      content:
        'You are a storyboard writer. Write the narration of one scene of an illustrated story: two or three vivid sentences, ' +
        'to be read aloud, that fit the scenes around it. Answer with the narration only: no title, no quotation marks, no preamble.',
    },
    { role: 'user', content: `${context.join('\n')}\n\nWrite the scene titled "${clip(scene.title, 200)}".` },
  ];
}

/** Model output as scene text: trimmed, without the quotes or a "Narration:" label small models like to add. */
export function tidySceneText(text: string): string {
  return text
    .trim()
    .replace(/^(narration|scene)\s*:\s*/i, '')
    .replace(/^["“](.*)["”]$/s, '$1')
    .trim();
}
