import { submitGeneration } from '../core/assets/save-generated-asset.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio.js';
import { checkVoiceText, espeakEngine, listEspeakVoices } from '../engines/voice/espeak/espeak-engine.js';

/** A short, file-friendly label from the start of the text. */
function clipName(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ').slice(0, 40).replace(/[\\/:*?"<>|]/g, '');
  return words.length > 0 ? words : 'Narration';
}

export function voiceHandlers(studio: Studio): Pick<Handlers, 'voice.voices' | 'voice.generate'> {
  return {
    'voice.voices': async () => listEspeakVoices(),
    'voice.generate': async (request) => {
      // Bad text answers the call rather than failing a job.
      checkVoiceText(request.text);
      const name = clipName(request.text);
      return submitGeneration(studio, {
        kind: 'voice.generate',
        title: `Speak "${name}"`,
        queue: espeakEngine.id,
        make: async (context) => {
          const made = await espeakEngine.generate(request, context.signal, context.progress);
          return {
            file: {
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
            summary: `${(made.durationMs / 1000).toFixed(1)} s of speech`,
          };
        },
      });
    },
  };
}
