import { AtelierError } from '../../../../preload/errors.js';
import type { InstalledModel } from '../../../../preload/schemas/model.js';
import { VOICE_LIMITS } from '../../../../preload/schemas/voice.js';
import type { ProgressUpdate } from '../../../core/jobs/job-manager.js';
import { installedKokoroModels } from '../../../core/voice/kokoro-voice-models.js';
import type { StudioServices } from '../../../app/studio.js';
import { finishSpeech } from '../../../platform/audio/speech-finish.js';
import { OpenAiError } from './openai-errors.js';

/** Names other servers give Kokoro (LocalAI, Kokoro-FastAPI, Hugging Face): `kokoro`, `kokoro-82m`, `hexgrad/Kokoro-82M`. */
const KOKORO_ALIAS = /^(hexgrad\/)?kokoro([-_.][A-Za-z0-9._-]*)?$/i;

/**
 * The Kokoro model a speech request names: an installed Kokoro model's own id, or a common
 * name for Kokoro (the active or first installed model then). Undefined when the name is
 * neither; MODEL_NOT_FOUND (404) when it is Kokoro's but none is installed.
 */
export function kokoroModelFor(studio: StudioServices, model: string): InstalledModel | undefined {
  const exact = installedKokoroModels(studio.models.list()).find((m) => m.id === model);
  if (exact) return exact;
  return KOKORO_ALIAS.test(model) ? studio.voice.requireKokoro() : undefined;
}

interface KokoroSpeechBody {
  input: string;
  voice: string;
  speed: number;
}

/**
 * Checks a Kokoro speech request now (an unknown voice is OpenAI's 400 on `voice`, not a
 * 404: the model exists) and returns the run that speaks it, finished like every clip.
 * OpenAI's stock voice names (alloy…) mean the voice narration uses.
 */
export async function kokoroSpeech(
  studio: StudioServices,
  model: InstalledModel,
  body: KokoroSpeechBody,
  openAiVoices: ReadonlySet<string>,
): Promise<(signal: AbortSignal, progress: (update: ProgressUpdate) => void) => Promise<Uint8Array>> {
  if (body.speed < VOICE_LIMITS.rate.min || body.speed > VOICE_LIMITS.rate.max) {
    throw new OpenAiError(
      400,
      `speed must be ${VOICE_LIMITS.rate.min} to ${VOICE_LIMITS.rate.max} for Kokoro voices.`,
      'invalid_request_error',
      'speed',
      'invalid_speed',
    );
  }
  studio.voice.checkText(body.input);
  const voice = openAiVoices.has(body.voice) ? studio.voice.kokoroNarrationVoice : body.voice;
  try {
    await studio.voice.checkKokoroVoice(model, voice);
  } catch (error) {
    if (error instanceof AtelierError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT')) {
      throw new OpenAiError(400, error.message, 'invalid_request_error', 'voice', 'voice_not_found');
    }
    throw error;
  }
  return async (signal, progress) => {
    const made = await studio.voice.speakKokoro({ text: body.input, modelPath: model.path, label: model.name, voice, rate: body.speed }, signal, progress);
    return finishSpeech(made.samples, made.sampleRate).wav;
  };
}
