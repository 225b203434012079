import { IMAGE_LIMITS, type ImageRequestInput } from '../../../preload/schemas/image.js';
import type { ModelManager } from '../models/model-manager.js';

type SceneImageEngine = 'auto' | 'procedural' | 'diffusion';

interface ScenePicture {
  /** What the picture shows: the diffusion prompt, and colour words for a procedural card. */
  prompt: string;
  /** Drawn on a procedural title card. */
  title: string;
  /** Steers a procedural card's palette ("calm", "tense"…). */
  mood?: string;
  seed?: number;
}

/** auto: diffusion when an image model is active, else a procedural title card (needs no model). */
export function useDiffusion(engine: SceneImageEngine, models: Pick<ModelManager, 'registry'>): boolean {
  return engine === 'diffusion' || (engine === 'auto' && models.registry.active('image') !== undefined);
}

/** The `image.generate` input that pictures one storyboard scene (the prompt pipeline and Illustrate share it). */
export function sceneImageRequest(picture: ScenePicture, diffusion: boolean): ImageRequestInput {
  const seed = picture.seed === undefined ? {} : { seed: picture.seed };
  const prompt = picture.prompt.replace(/\s+/g, ' ').trim();
  if (diffusion) return { engine: 'diffusion', prompt: prompt.slice(0, IMAGE_LIMITS.prompt), width: 512, height: 512, ...seed };
  return {
    engine: 'procedural',
    template: 'title-card',
    prompt: `${picture.mood ? `${picture.mood} ` : ''}${prompt}`.slice(0, IMAGE_LIMITS.prompt),
    text: picture.title.slice(0, IMAGE_LIMITS.text),
    width: 1280,
    height: 720,
    ...seed,
  };
}
