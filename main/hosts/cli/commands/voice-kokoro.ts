import path from 'node:path';
import { KOKORO_DEFAULT_VOICE, type KokoroModelVoices } from '../../../../preload/schemas/voice.js';
import { createStudio } from '../../../app/studio.js';
import { checkKokoroVoice, kokoroModelAtPath } from '../../../core/voice/kokoro-voice-models.js';

/**
 * One Kokoro run from the command line: `model` is an installed model's id or a Kokoro
 * folder's path (absent: the active or first installed one). An unknown voice is refused
 * (NOT_FOUND naming the model's voices) before anything runs; the host stops before returning.
 */
export async function speakWithKokoro(model: string | undefined, voice: string | undefined, text: string, rate: number) {
  const studio = await createStudio({ host: 'cli' });
  try {
    const atPath = model === undefined ? undefined : await kokoroModelAtPath(path.resolve(model));
    const chosen = atPath ?? studio.voice.requireKokoro(model);
    const id = voice ?? KOKORO_DEFAULT_VOICE;
    await checkKokoroVoice(chosen, id);
    const made = await studio.voice.speakKokoro(
      { text, modelPath: chosen.path, label: chosen.id, voice: id, rate },
      new AbortController().signal,
      () => undefined,
    );
    return { ...made, label: chosen.id };
  } finally {
    await studio.dispose();
  }
}

/** `atelier voices`: the Kokoro models' voices, grouped by model, with language and gender. */
export function kokoroVoiceLines(models: readonly KokoroModelVoices[]): string {
  if (models.length === 0) return "\nKokoro: no model installed (download Kokoro 82M with 'atelier models', or pass --model PATH/TO/folder).\n";
  return models
    .map((model) => {
      const width = Math.max(...model.voices.map((v) => v.id.length));
      const lines = model.voices.map((v) => `${v.id.padEnd(width)}  ${v.gender.padEnd(7)}  ${v.name} · ${v.languageName ?? 'unknown language'}`);
      return `\nKokoro: ${model.name} (${model.id}${model.active ? ', narrates' : ''}), ${model.voices.length} voices (--engine kokoro --voice ID)\n${lines.join('\n')}\n`;
    })
    .join('');
}
