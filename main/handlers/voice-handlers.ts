import { saveGeneratedAsset } from '../core/assets/save-generated-asset.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio.js';
import { checkVoiceText, espeakEngine, listEspeakVoices } from '../engines/voice/espeak/espeak-engine.js';

/** A short, file-friendly label from the start of the text. */
function clipName(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ').slice(0, 40).replace(/[\\/:*?"<>|]/g, '');
  return words.length > 0 ? words : 'Narration';
}

export function voiceHandlers(studio: Studio): Pick<Handlers, 'voice.voices' | 'voice.generate'> {
  const { projects, jobs, log } = studio;
  return {
    'voice.voices': async () => listEspeakVoices(),
    'voice.generate': async (request) => {
      // Checked now, so "no project" and bad text are answers to the call rather than failed jobs.
      const project = projects.requireOpen().data;
      checkVoiceText(request.text);
      const name = clipName(request.text);
      const job = jobs.submit({
        kind: 'voice.generate',
        title: `Speak "${name}"`,
        queue: espeakEngine.id,
        run: async (context) => {
          const made = await espeakEngine.generate(request, context.signal, context.progress);
          const asset = await saveGeneratedAsset(
            { projects, log },
            project.id,
            {
              kind: 'audio',
              mime: 'audio/wav',
              ext: 'wav',
              bytes: made.wav,
              name: `${name}.wav`,
              origin: {
                engine: espeakEngine.id,
                prompt: request.text.slice(0, 2000),
                durationMs: made.durationMs,
                parameters: { ...made.parameters, voiceName: made.voice.name, sampleRate: made.sampleRate, sentences: made.sentences },
              },
            },
            context.signal,
          );
          context.progress({ fraction: 1, detail: `${(made.durationMs / 1000).toFixed(1)} s of speech` });
          return asset;
        },
      });
      return { jobId: job.id };
    },
  };
}
