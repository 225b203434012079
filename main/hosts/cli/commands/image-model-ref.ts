import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';
import { createStudio } from '../../../app/studio.js';

export async function isFolder(candidate: string): Promise<boolean> {
  return (await fs.stat(candidate).catch(() => null))?.isDirectory() ?? false;
}

/** An installed image model (by id, or the active one) and the device Settings picks for it. */
export async function installedModel(id: string | undefined): Promise<{ id: string; dir: string; device: 'cpu' | 'gpu' }> {
  const studio = await createStudio({ host: 'cli' });
  try {
    const model = studio.image.findModel(id);
    if (!model) {
      throw new AtelierError(
        'MODEL_NOT_FOUND',
        id
          ? `no installed image model "${id}" (see 'atelier models list').`
          : "no image model is installed: 'atelier models download' one, or pass --model FOLDER.",
      );
    }
    return { id: model.id, dir: model.path, device: studio.settings.get().imageDevice };
  } finally {
    await studio.dispose();
  }
}

/** --model as a diffusers ONNX folder, an installed model's id, or (absent) the active image model. */
export async function diffusionModelRef(ref: string | undefined): Promise<{ id: string; dir: string; device?: 'cpu' | 'gpu' }> {
  if (ref !== undefined && (await isFolder(ref))) return { id: path.basename(path.resolve(ref)), dir: path.resolve(ref) };
  return installedModel(ref);
}
