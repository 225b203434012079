import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';
import { saveRecording } from '../core/voice/recording-save.js';

export function voiceHandlers(studio: Studio): Pick<Handlers, 'voice.voices' | 'voice.generate' | 'voice.sample' | 'voice.saveRecording'> {
  return {
    'voice.voices': async () => studio.voice.voices(),
    'voice.generate': async (request) => studio.voice.generate(request),
    'voice.sample': async (request) => studio.voice.sample(request.model, request.voice),
    'voice.saveRecording': async (request) => saveRecording(studio, request),
  };
}
