import { STORY_MOODS, type StoryScript } from '../../../preload/schemas/storyboard-prompt.js';
import type { ChatMessage } from '../../engines/text/text-generation.js';

/** The JSON schema the text model's reply must follow (node-llama-cpp turns it into a grammar). */
export function storyScriptJsonSchema(sceneCount: number): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      title: { type: 'string' },
      scenes: {
        type: 'array',
        minItems: sceneCount,
        maxItems: sceneCount,
        items: {
          type: 'object',
          properties: {
            title: { type: 'string' },
            caption: { type: 'string' },
            narration: { type: 'string' },
            imagePrompt: { type: 'string' },
            mood: { enum: [...STORY_MOODS] },
          },
          required: ['title', 'caption', 'narration', 'imagePrompt', 'mood'],
        },
      },
    },
    required: ['title', 'scenes'],
  };
}

export function storyScriptMessages(prompt: string, sceneCount: number): ChatMessage[] {
  return [
    {
      role: 'system',
      content:
        'You are a storyboard writer. Turn the idea into a short illustrated story told in scenes. ' +
        'For each scene give: a short title; a one-line caption; narration of two or three sentences to be read aloud; ' +
        'an image prompt describing the picture (subject, setting, light, style); and the mood. Answer in JSON only.',
    },
    { role: 'user', content: `Idea: ${prompt}\nNumber of scenes: ${sceneCount}` },
  ];
}

/** Enough tokens for every field of every scene, with room to spare. */
export function storyScriptMaxTokens(sceneCount: number): number {
  return 200 + sceneCount * 320;
}

/** Trims what grammars tend to leave (leading spaces) and fills blanks, so every scene has text to narrate. */
export function tidyScript(script: StoryScript, prompt: string): StoryScript {
  const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
  return {
    title: clean(script.title) || clean(prompt).slice(0, 80) || 'Storyboard',
    scenes: script.scenes.map((scene, index) => {
      const narration = clean(scene.narration) || clean(scene.caption) || clean(scene.title);
      return {
        title: clean(scene.title) || `Scene ${index + 1}`,
        caption: clean(scene.caption) || narration,
        narration: narration || `Scene ${index + 1}.`,
        imagePrompt: clean(scene.imagePrompt) || clean(scene.caption) || clean(prompt),
        mood: scene.mood,
      };
    }),
  };
}
