import type { InstalledModel } from '../../../preload/schemas/model.js';
import { KOKORO_DEFAULT_VOICE, type VoiceRequest } from '../../../preload/schemas/voice.js';
import type { KokoroEngine } from '../../engines/voice/kokoro/kokoro-engine.js';
import type { Logger } from '../../platform/log.js';
import { submitGeneration } from '../assets/save-generated-asset.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { spokenClip } from './voice-models.js';

interface KokoroVoiceDeps {
  projects: ProjectStore;
  jobs: JobManager;
  log: Logger;
  kokoro: KokoroEngine;
}

/**
 * `voice.generate` with engine 'kokoro': the model and voice were checked by the caller, so
 * the job only speaks (progress per chunk, cancel between chunks, one Kokoro run at a time).
 */
export function submitKokoroVoiceJob(deps: KokoroVoiceDeps, request: VoiceRequest, name: string, model: InstalledModel): { jobId: string } {
  const { kokoro } = deps;
  const voice = request.voice;
  return submitGeneration(deps, {
    kind: 'voice.generate',
    title: `Speak "${name}" · ${model.name} ${voice}`,
    queue: kokoro.id,
    make: async (context) => {
      const made = await kokoro.generate(
        { text: request.text, modelPath: model.path, label: model.name, voice, rate: request.rate },
        context.signal,
        context.progress,
      );
      return spokenClip(name, request.text, made, {
        engine: kokoro.id,
        model: model.id,
        parameters: {
          ...made.parameters,
          voice: made.voice.id,
          voiceName: made.voice.name,
          ...(made.voice.language && { language: made.voice.language.tag }),
          gender: made.voice.gender,
          sampleRate: made.sampleRate,
          chunks: made.chunks,
        },
      });
    },
  });
}

/** A request's voice for Kokoro: `en` (the schema's espeak default) means none was named. */
export function kokoroVoiceOf(request: VoiceRequest): string {
  return request.voice === 'en' ? KOKORO_DEFAULT_VOICE : request.voice;
}
