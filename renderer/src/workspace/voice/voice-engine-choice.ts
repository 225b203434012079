import type { KokoroModelVoices, KokoroVoice, RemoteModel, VOICE_ENGINES } from '../../../../preload/contract.js';

type VoiceEngine = (typeof VOICE_ENGINES)[number];

/**
 * The engine that will speak: the stored one while it can, else the built-in voice
 * (a Piper voice was removed, a remote went away).
 */
export function activeEngine(stored: VoiceEngine, neuralCount: number, remoteCount: number, kokoroCount = 0): VoiceEngine {
  if (stored === 'piper' && neuralCount > 0) return 'piper';
  if (stored === 'kokoro' && kokoroCount > 0) return 'kokoro';
  if (stored === 'remote' && remoteCount > 0) return 'remote';
  return 'espeak';
}

/** The remote model the settings name, else the first one offered; null when none is. */
export function chosenRemoteModel(models: readonly RemoteModel[], stored: string): RemoteModel | null {
  return models.find((m) => m.id === stored) ?? models[0] ?? null;
}

/**
 * The Kokoro model and voice the settings name, else the model narration uses (or the
 * first) and its af_heart (or first) voice; null when no Kokoro model is installed.
 */
export function chosenKokoro(
  models: readonly KokoroModelVoices[],
  stored: { kokoroModel: string; kokoroVoice: string },
): { model: KokoroModelVoices; voice: KokoroVoice } | null {
  const model = models.find((m) => m.id === stored.kokoroModel) ?? models.find((m) => m.active) ?? models[0];
  const voice = model?.voices.find((v) => v.id === stored.kokoroVoice) ?? model?.voices.find((v) => v.id === 'af_heart') ?? model?.voices[0];
  return model && voice ? { model, voice } : null;
}
