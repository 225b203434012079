import type { ImageTemplate } from '../../../preload/schemas/image.js';
import { diffusionEngine } from '../../engines/image/diffusion-engine-link.js';
import { PROCEDURAL_TEMPLATES } from '../../engines/image/procedural/procedural-engine.js';

// What needs no project and no studio: the CLI draws a picture straight to a file with these,
// and ImageService builds its jobs on them. Hosts take them from here, never from the engines.
export { generateImages as renderImages, randomSeed as drawImageSeed, type ImageInputs, type MadeImage } from '../../engines/image/image-generation.js';

/** The procedural templates (name, description, default size), copied so no caller can change the engine's list. */
export function imageTemplates(): ImageTemplate[] {
  return PROCEDURAL_TEMPLATES.map((t) => ({ ...t }));
}

/** Ends the diffusion engine's host process (a one-shot command stops it so it can exit). */
export async function stopImageEngine(): Promise<void> {
  await diffusionEngine.unload?.();
}

export { upscalePicture } from '../../engines/image/upscale/upscale-picture.js';
export { inpaintPicture } from '../../engines/image/inpaint/inpaint-picture.js';
export { outpaintPicture } from '../../engines/image/inpaint/outpaint-picture.js';
