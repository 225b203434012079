import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import type { InstalledModel } from '../../../preload/schemas/model.js';
import type { KokoroModelVoices } from '../../../preload/schemas/voice.js';
import { KOKORO_SAMPLE_RATE } from '../../engines/voice/kokoro/kokoro-host-api.js';
import { loadKokoroModel } from '../../engines/voice/kokoro/kokoro-model.js';
import { voicePackPath } from '../../engines/voice/kokoro/kokoro-voice-pack.js';
import { describeKokoroVoice } from '../../engines/voice/kokoro/kokoro-voices.js';

/** Installed Kokoro models: voice models in the registry with the kokoro folder format. */
export function installedKokoroModels(models: readonly InstalledModel[]): InstalledModel[] {
  return models.filter((m) => m.modality === 'voice' && m.format === 'kokoro');
}

/**
 * The Kokoro model a request speaks with: the one named, else the active voice model when it
 * is Kokoro, else the first installed. MODEL_NOT_FOUND when none is installed or the named one is not.
 */
export function requireKokoroModel(models: readonly InstalledModel[], active: InstalledModel | undefined, id?: string): InstalledModel {
  const installed = installedKokoroModels(models);
  if (installed.length === 0) {
    throw new AtelierError(
      'MODEL_NOT_FOUND',
      'no Kokoro model is installed: download Kokoro 82M in the Models tab (or `atelier models download kokoro-82m-v1.0-q8f16`), or import a Kokoro folder.',
    );
  }
  if (id !== undefined) {
    const named = installed.find((m) => m.id === id);
    if (named) return named;
    throw new AtelierError('MODEL_NOT_FOUND', `there is no installed Kokoro model "${id}". Installed: ${installed.map((m) => m.id).join(', ')}.`);
  }
  return installed.find((m) => m.id === active?.id) ?? (installed[0] as InstalledModel);
}

/** Checks that the model's folder has this voice pack: INVALID_INPUT for a malformed id, NOT_FOUND naming its voices otherwise. */
export async function checkKokoroVoice(model: Pick<InstalledModel, 'path' | 'name'>, voice: string): Promise<void> {
  const loaded = await loadKokoroModel(model.path, model.name);
  await voicePackPath(loaded.folder, voice, loaded.voiceIds, model.name);
}

/** Every installed Kokoro model with its voices, for the pickers; a broken folder is left out and reported through onSkip. */
export async function listKokoroModels(
  models: readonly InstalledModel[],
  active: InstalledModel | undefined,
  onSkip: (model: InstalledModel, error: unknown) => void,
): Promise<KokoroModelVoices[]> {
  const listed = await Promise.all(
    installedKokoroModels(models).map(async (model): Promise<KokoroModelVoices | undefined> => {
      try {
        const { voiceIds } = await loadKokoroModel(model.path, model.name);
        const voices = voiceIds.map((id) => {
          const info = describeKokoroVoice(id);
          return {
            id,
            name: info.name,
            languages: info.language ? [info.language.tag] : [],
            ...(info.language && { languageName: info.language.name }),
            gender: info.gender,
          };
        });
        return { engine: 'kokoro' as const, id: model.id, name: model.name, sampleRate: KOKORO_SAMPLE_RATE, active: model.id === active?.id, voices };
      } catch (error) {
        onSkip(model, error);
        return undefined;
      }
    }),
  );
  return listed.filter((m): m is KokoroModelVoices => m !== undefined);
}

/**
 * A Kokoro folder named on the command line, as a model the engine can speak with
 * (MODEL_INVALID saying what is wrong when it is not one); undefined when no folder is there.
 */
export async function kokoroModelAtPath(folder: string): Promise<Pick<InstalledModel, 'id' | 'name' | 'path'> | undefined> {
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) return undefined;
  const name = path.basename(folder);
  await loadKokoroModel(folder, name);
  return { id: name, name, path: folder };
}
