import type { Asset } from '../../../preload/contract.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import { saveGeneratedAsset } from '../assets/save-generated-asset.js';
import type { Logger } from '../../platform/log.js';
import type { ProjectStore } from '../projects/project-store.js';
import type { MadeImage } from './image-render.js';

interface DiffusionEdit {
  /** What the new picture's name ends with: `NAME-repainted.png`, `NAME-extended.png`. */
  suffix: string;
  operation: 'inpaint' | 'outpaint';
  modelId: string;
  settings: { steps: number; guidance: number; scheduler: string };
  /** The edit's own settings, recorded beside the shared ones. */
  parameters: Record<string, unknown>;
}

/**
 * Saves a repainted or extended picture as a NEW asset beside its source: the name says what
 * was done, the origin records the model, prompt, seed, the source and the edit's settings,
 * so the picture can be made again. The source itself is never changed.
 */
export async function saveDiffusionEdit(
  deps: { projects: ProjectStore; log: Logger },
  projectId: string,
  source: Asset,
  made: MadeImage,
  edit: DiffusionEdit,
  signal: AbortSignal,
  progress: (update: ProgressUpdate) => void,
): Promise<Asset> {
  const { metadata } = made;
  const stem = source.name.replace(/\.[a-z0-9]{1,8}$/i, '');
  const asset = await saveGeneratedAsset(
    deps,
    projectId,
    {
      kind: 'image',
      mime: 'image/png',
      ext: 'png',
      bytes: made.png,
      name: `${stem}-${edit.suffix}.png`,
      unique: true,
      origin: {
        engine: 'diffusion',
        model: edit.modelId,
        prompt: metadata.prompt,
        negativePrompt: metadata.negativePrompt,
        seed: metadata.seed,
        durationMs: made.timeMs,
        parameters: {
          operation: edit.operation,
          sourceAssetId: source.id,
          ...edit.parameters,
          width: metadata.width,
          height: metadata.height,
          ...edit.settings,
          timeMs: made.timeMs,
        },
      },
    },
    signal,
  );
  progress({ fraction: 1, detail: `${metadata.width}×${metadata.height}, seed ${metadata.seed}` });
  return asset;
}
