import type { ProgressUpdate } from '../../../platform/progress.js';
import { upscaleInHost } from '../diffusion-engine-link.js';
import { carriedMetadata, pngWithCarried } from '../export-metadata.js';
import { upscaleLanczos } from './upscale-image.js';

interface UpscaleRequest {
  /** The picture: PNG, JPEG, WebP… */
  input: Uint8Array;
  scale: 2 | 3 | 4;
  /** A Real-ESRGAN-style .onnx; Lanczos without one. */
  modelFile?: string;
  /** Tile edge and overlap in input pixels (the host's defaults when absent). */
  tile?: number;
  overlap?: number;
}

interface UpscaledPicture {
  png: Uint8Array;
  width: number;
  height: number;
  timeMs: number;
  /** 'model' or 'lanczos', for the job's line and the asset's origin. */
  method: 'model' | 'lanczos';
}

/**
 * Upscales for every host (CLI, Image tab, storyboard): a network in the diffusion host when
 * a model is given, else Lanczos here. The source's generation settings travel with it.
 */
export async function upscalePicture(request: UpscaleRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<UpscaledPicture> {
  const started = performance.now();
  const made = request.modelFile
    ? await upscaleInHost(
        {
          modelFile: request.modelFile,
          image: request.input,
          scale: request.scale,
          ...(request.tile !== undefined && { tile: request.tile }),
          ...(request.overlap !== undefined && { overlap: request.overlap }),
        },
        signal,
        onProgress,
      )
    : await upscaleLanczos(request.input, request.scale);
  const png = pngWithCarried(made.png, await carriedMetadata(request.input));
  return { png, width: made.width, height: made.height, timeMs: Math.round(performance.now() - started), method: request.modelFile ? 'model' : 'lanczos' };
}
