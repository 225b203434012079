import type { RemoteModel, VOICE_ENGINES } from '../../../../preload/contract.js';

type VoiceEngine = (typeof VOICE_ENGINES)[number];

/**
 * The engine that will speak: the stored one while it can, else the built-in voice
 * (a Piper voice was removed, a remote went away).
 */
export function activeEngine(stored: VoiceEngine, neuralCount: number, remoteCount: number): VoiceEngine {
  if (stored === 'piper' && neuralCount > 0) return 'piper';
  if (stored === 'remote' && remoteCount > 0) return 'remote';
  return 'espeak';
}

/** The remote model the settings name, else the first one offered; null when none is. */
export function chosenRemoteModel(models: readonly RemoteModel[], stored: string): RemoteModel | null {
  return models.find((m) => m.id === stored) ?? models[0] ?? null;
}
