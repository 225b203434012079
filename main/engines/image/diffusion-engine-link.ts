/**
 * The one place the image handlers reach the diffusion engine
 * (main/engines/image/diffusion/diffusion-engine.ts, written alongside this
 * issue). Until that file lands this stands in with the same interface and
 * answers ENGINE_UNAVAILABLE; connecting it is replacing this file's body with
 *   export { diffusionEngine, type DiffusionRequest, type DiffusionImage } from './diffusion/diffusion-engine.js';
 */
import { AtelierError } from '../../../preload/errors.js';
import type { DiffusionScheduler } from '../../../preload/schemas/image.js';
import type { ProgressUpdate } from '../../core/jobs/job-manager.js';
import type { Engine } from '../engine.js';

export interface DiffusionRequest {
  modelDir: string;
  prompt: string;
  negativePrompt: string;
  width: number;
  height: number;
  steps: number;
  guidance: number;
  scheduler: DiffusionScheduler;
  seed: number;
  count: number;
  strength?: number;
  /** PNG or JPEG bytes for img2img. */
  initImage?: Uint8Array;
}

export interface DiffusionImage {
  png: Uint8Array;
  seed: number;
  width: number;
  height: number;
}

export const diffusionEngine: Engine<DiffusionRequest, { images: DiffusionImage[]; timeMs: number }> = {
  id: 'diffusion',
  modality: 'image',
  name: 'Stable Diffusion (ONNX)',
  parameters: [],
  availability: async () => ({ available: false, reason: 'The diffusion engine is not part of this build yet.' }),
  async generate(_request: DiffusionRequest, _signal: AbortSignal, _onProgress: (update: ProgressUpdate) => void) {
    throw new AtelierError('ENGINE_UNAVAILABLE', 'The diffusion engine is not part of this build yet; use the procedural engine.');
  },
};
