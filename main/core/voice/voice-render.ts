import type { ProgressUpdate } from '../../platform/progress.js';
import { espeakEngine, type EspeakRequest, type EspeakResult } from '../../engines/voice/espeak/espeak-engine.js';

// What needs no project and no studio: the CLI speaks straight to a file with these, and
// VoiceService builds its jobs on them. Hosts take them from here, never from the engines.
export { checkVoiceText, listEspeakVoices, type EspeakRequest, type EspeakResult } from '../../engines/voice/espeak/espeak-engine.js';
export { piperVoiceAtPath } from '../../engines/voice/piper/piper-voices.js';
export type { PiperResult } from '../../engines/voice/piper/piper-engine.js';

/** The built-in voice's engine id, which is also its queue (one espeak run at a time). */
export const ESPEAK_ID = espeakEngine.id;

/** Speech from the built-in espeak-ng voice (no model needed). */
export function speakEspeak(request: EspeakRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<EspeakResult> {
  return espeakEngine.generate(request, signal, onProgress);
}
