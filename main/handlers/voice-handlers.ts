import { submitGeneration } from '../core/assets/save-generated-asset.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';
import { checkVoiceText, espeakEngine, listEspeakVoices } from '../engines/voice/espeak/espeak-engine.js';
import { loadPiperConfig, resolveSpeaker } from '../engines/voice/piper/piper-config.js';
import { findPiperModel, listNeuralVoices } from '../engines/voice/piper/piper-voices.js';
import { submitRemoteVoiceJob } from './remote-voice-job.js';

/** A short, file-friendly label from the start of the text. */
function clipName(text: string): string {
  const clean = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[\\/:*?"<>|]/g, '');
  if (clean.length <= 40) return clean.replace(/[.!?,;:]+$/, '') || 'Narration';
  // Cut at a word boundary so a name never ends mid-word or on a dangling space.
  const cut = clean.slice(0, 41);
  const atWord = cut.lastIndexOf(' ') > 20 ? cut.slice(0, cut.lastIndexOf(' ')) : cut.slice(0, 40);
  return `${atWord.replace(/[\s.!?,;:]+$/, '')}…`;
}

/** The asset a finished narration becomes, whichever local engine spoke it. */
function spokenClip(
  name: string,
  text: string,
  made: { wav: Uint8Array; durationMs: number },
  origin: { engine: string; model?: string; parameters: Record<string, unknown> },
) {
  return {
    file: {
      kind: 'audio' as const,
      mime: 'audio/wav',
      ext: 'wav',
      bytes: made.wav,
      name: `${name}.wav`,
      origin: { ...origin, prompt: text.slice(0, 2000), durationMs: made.durationMs },
    },
    summary: `${(made.durationMs / 1000).toFixed(1)} s of speech`,
  };
}

export function voiceHandlers(studio: Studio): Pick<Handlers, 'voice.voices' | 'voice.generate'> {
  return {
    'voice.voices': async () => {
      const [espeak, neural] = await Promise.all([
        listEspeakVoices(),
        listNeuralVoices(studio.models.list(), (model, error) =>
          studio.log.warn('piper', `voice ${model.id} left out of the list: ${(error as Error).message}`),
        ),
      ]);
      return { ...espeak, neural };
    },
    'voice.generate': async (request) => {
      // Bad text, an unknown voice or speaker answer the call rather than failing a job.
      checkVoiceText(request.text);
      const name = clipName(request.text);
      if (request.engine === 'remote') return submitRemoteVoiceJob(studio, request, name);
      if (request.engine === 'piper') {
        const model = findPiperModel(studio.models.list(), request.voice);
        const speaker = resolveSpeaker(await loadPiperConfig(model.path, model.name), request.speaker, model.name);
        return submitGeneration(studio, {
          kind: 'voice.generate',
          title: `Speak "${name}" · ${model.name}`,
          queue: studio.piper.id,
          make: async (context) => {
            const made = await studio.piper.generate(
              { text: request.text, voicePath: model.path, label: model.name, speaker, rate: request.rate },
              context.signal,
              context.progress,
            );
            return spokenClip(name, request.text, made, {
              engine: studio.piper.id,
              model: model.id,
              parameters: {
                ...made.parameters,
                voice: model.id,
                voiceName: model.name,
                speaker: made.speaker,
                ...(made.speakerName && { speakerName: made.speakerName }),
                sampleRate: made.sampleRate,
                sentences: made.sentences,
              },
            });
          },
        });
      }
      return submitGeneration(studio, {
        kind: 'voice.generate',
        title: `Speak "${name}"`,
        queue: espeakEngine.id,
        make: async (context) => {
          const made = await espeakEngine.generate(request, context.signal, context.progress);
          return spokenClip(name, request.text, made, {
            engine: espeakEngine.id,
            parameters: { ...made.parameters, voiceName: made.voice.name, sampleRate: made.sampleRate, sentences: made.sentences },
          });
        },
      });
    },
  };
}
