import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';
import type { InstalledModel } from '../../../../preload/schemas/model.js';
import type { NeuralVoice } from '../../../../preload/schemas/voice.js';
import { loadPiperConfig } from './piper-config.js';

/** Installed Piper voices: voice models in the registry (the registry owns their metadata). */
export function installedPiperModels(models: readonly InstalledModel[]): InstalledModel[] {
  return models.filter((m) => m.modality === 'voice' && m.format === 'piper');
}

/** `en_US` → `en-US`, and its family `en`, for a language search. */
function languagesOf(code: string): string[] {
  const tag = code.replace(/_/g, '-');
  const family = tag.split('-')[0] ?? tag;
  return family.toLowerCase() === tag.toLowerCase() ? [tag] : [tag, family];
}

/**
 * The neural voices a creator can pick. A voice whose files went missing or broke is
 * left out here (logged by the caller); generating with it says what is wrong.
 */
export async function listNeuralVoices(models: readonly InstalledModel[], onSkip?: (model: InstalledModel, error: unknown) => void): Promise<NeuralVoice[]> {
  const voices = await Promise.all(
    installedPiperModels(models).map(async (model): Promise<NeuralVoice | undefined> => {
      try {
        const config = await loadPiperConfig(model.path, model.name);
        return {
          engine: 'piper',
          id: model.id,
          name: model.name,
          languages: languagesOf(config.language),
          ...(config.quality && { quality: config.quality }),
          sampleRate: config.sampleRate,
          speakers: config.speakers,
        };
      } catch (error) {
        onSkip?.(model, error);
        return undefined;
      }
    }),
  );
  return voices.filter((v): v is NeuralVoice => v !== undefined);
}

/** The installed Piper voice with this model id; MODEL_NOT_FOUND (naming the installed ones) otherwise. */
export function findPiperModel(models: readonly InstalledModel[], id: string): InstalledModel {
  const voices = installedPiperModels(models);
  const found = voices.find((m) => m.id === id);
  if (found) return found;
  const known =
    voices.length > 0
      ? ` Installed voices: ${voices.map((v) => v.id).join(', ')}.`
      : ' No Piper voice is installed yet: download one in Models (or import a .onnx with its .onnx.json).';
  throw new AtelierError('MODEL_NOT_FOUND', `there is no installed Piper voice "${id}".${known}`);
}

/**
 * A voice named on the command line: a path to the .onnx (or its .onnx.json), or to a
 * folder holding exactly one .onnx voice. Undefined when nothing exists at that path.
 */
export async function piperVoiceAtPath(target: string): Promise<string | undefined> {
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) return undefined;
  if (stat.isDirectory()) {
    const onnx = (await fs.readdir(target)).filter((name) => name.toLowerCase().endsWith('.onnx'));
    if (onnx.length !== 1) {
      throw new AtelierError(
        'MODEL_INVALID',
        `${target} holds ${onnx.length === 0 ? 'no .onnx voice' : `${onnx.length} .onnx files (${onnx.join(', ')}); name one`}.`,
      );
    }
    return path.join(target, onnx[0] as string);
  }
  return target.endsWith('.onnx.json') ? target.slice(0, -'.json'.length) : target;
}
