import type { InstalledModel } from '../../../preload/schemas/model.js';
import type { VoiceList, VoiceRequest } from '../../../preload/schemas/voice.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import { loadPiperConfig, resolveSpeaker } from '../../engines/voice/piper/piper-config.js';
import type { PiperEngine, PiperRequest, PiperResult } from '../../engines/voice/piper/piper-engine.js';
import { listNeuralVoices } from '../../engines/voice/piper/piper-voices.js';
import type { KokoroEngine, KokoroRequest } from '../../engines/voice/kokoro/kokoro-engine.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { kokoroVoiceOf, submitKokoroVoiceJob } from './kokoro-voice-job.js';
import { checkKokoroVoice, listKokoroModels, requireKokoroModel } from './kokoro-voice-models.js';
import { makeKokoroSample } from './kokoro-sample.js';
import { submitGeneration } from '../assets/save-generated-asset.js';
import type { ModelManager } from '../models/model-manager.js';
import { parseRemoteModelId } from '../remotes/remote-model-id.js';
import { generateRemoteSpeech, type RemoteSpeechRequest } from '../remotes/remote-speech.js';
import { submitRemoteVoiceJob, type RemoteVoiceDeps } from './remote-voice-job.js';
import { clipName, findVoiceModel, requireVoiceModel, spokenClip } from './voice-models.js';
import { checkVoiceText, ESPEAK_ID, listEspeakVoices, speakEspeak, type EspeakRequest, type EspeakResult } from './voice-render.js';

interface VoiceServiceDeps extends RemoteVoiceDeps {
  models: ModelManager;
  /** Neural voices (Piper) through their engine host process (onnxruntime-node). */
  piper: PiperEngine;
  /** Kokoro voices through their engine host process (onnxruntime-node). */
  kokoro: KokoroEngine;
  /** The Kokoro voice narration uses (settings.kokoroVoice). */
  settings: SettingsStore;
}

/** A Piper voice's speakers, read from its .onnx.json. */
interface PiperVoiceSpeakers {
  numSpeakers: number;
  /** A speaker by number or name (undefined: the first); NOT_FOUND or INVALID_INPUT when the voice lacks it. */
  speaker(wanted: number | string | undefined): number;
}

/**
 * Everything that speaks comes here (the Voice tab, the storyboard, the CLI, the OpenAI
 * API): which voice, local (espeak, Piper) or remote, the job, and the clip saved with
 * how it was made.
 */
export class VoiceService {
  constructor(private readonly deps: VoiceServiceDeps) {}

  /** The built-in espeak-ng voices and variants, and the installed neural voices (a broken one is logged and left out). */
  async voices(): Promise<VoiceList> {
    const [espeak, neural, kokoro] = await Promise.all([
      listEspeakVoices(),
      listNeuralVoices(this.deps.models.list(), (model, error) =>
        this.deps.log.warn('piper', `voice ${model.id} left out of the list: ${(error as Error).message}`),
      ),
      listKokoroModels(this.deps.models.list(), this.deps.models.registry.active('voice'), (model, error) =>
        this.deps.log.warn('kokoro', `model ${model.id} left out of the list: ${(error as Error).message}`),
      ),
    ]);
    return { ...espeak, neural, kokoro };
  }

  /** Throws the typed error for text no voice must be given (empty, or over the limit). */
  checkText(text: string): void {
    checkVoiceText(text);
  }

  /** The installed neural voice with this id; undefined when there is none. */
  findVoice(id: string): InstalledModel | undefined {
    return findVoiceModel(this.deps.models.list(), id);
  }

  /** The installed neural voice with this id, or MODEL_NOT_FOUND naming the installed ones. */
  requireVoice(id: string): InstalledModel {
    return requireVoiceModel(this.deps.models.list(), id);
  }

  /**
   * What a scene is narrated with: the active neural voice when it is one the narration path
   * speaks (Piper), else espeak's English (always there). An active Kokoro model speaks with
   * the Kokoro voice last picked (settings.kokoroVoice).
   */
  narrationRequest(text: string): { text: string; engine: 'espeak' | 'piper' | 'kokoro'; voice: string; model?: string } {
    const neural = this.deps.models.registry.active('voice');
    if (neural?.format === 'kokoro') return { text, engine: 'kokoro', voice: this.deps.settings.get().kokoroVoice, model: neural.id };
    return neural?.format === 'piper' ? { text, engine: 'piper', voice: neural.id } : { text, engine: 'espeak', voice: 'en' };
  }

  /** The Kokoro model a request names (or the active or first one); MODEL_NOT_FOUND when there is none. */
  requireKokoro(id?: string): InstalledModel {
    return requireKokoroModel(this.deps.models.list(), this.deps.models.registry.active('voice'), id);
  }

  /** Checks now that the Kokoro model has this voice, so an unknown one answers the call (NOT_FOUND naming its voices). */
  checkKokoroVoice(model: InstalledModel, voice: string): Promise<void> {
    return checkKokoroVoice(model, voice);
  }

  get kokoroQueue(): string {
    return this.deps.kokoro.id;
  }

  /** The voice narration speaks with on Kokoro, for callers that name none (OpenAI's stock voice names). */
  get kokoroNarrationVoice(): string {
    return this.deps.settings.get().kokoroVoice;
  }

  /** Speech from a Kokoro voice, for a caller that keeps it itself (no project, no asset). */
  speakKokoro(request: KokoroRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void) {
    return this.deps.kokoro.generate(request, signal, onProgress);
  }

  /** `voice.sample`: a few words from one Kokoro voice, finished like every clip, returned rather than saved. */
  async sample(modelId: string, voice: string, signal: AbortSignal = new AbortController().signal) {
    const model = this.requireKokoro(modelId);
    await checkKokoroVoice(model, voice);
    return makeKokoroSample(this.deps.kokoro, model, voice, signal);
  }

  /** Reads a neural voice's speakers now, so a speaker it lacks answers the call rather than failing a job. */
  async piperSpeakers(model: InstalledModel): Promise<PiperVoiceSpeakers> {
    const config = await loadPiperConfig(model.path, model.name);
    return { numSpeakers: config.numSpeakers, speaker: (wanted) => resolveSpeaker(config, wanted, model.name) };
  }

  readonly espeakQueue = ESPEAK_ID;

  get piperQueue(): string {
    return this.deps.piper.id;
  }

  /** Speech from espeak-ng, for a caller that keeps it itself (no project, no asset). */
  speakEspeak(request: EspeakRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<EspeakResult> {
    return speakEspeak(request, signal, onProgress);
  }

  /** Speech from a neural voice, for a caller that keeps it itself (no project, no asset). */
  speakPiper(request: PiperRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<PiperResult> {
    return this.deps.piper.generate(request, signal, onProgress);
  }

  /** A remote model's speech for a caller that keeps it itself; the remote is looked up now, so an unknown one answers at once. */
  remoteSpeaker(modelId: string): (request: RemoteSpeechRequest, signal: AbortSignal) => Promise<Uint8Array> {
    const { remote, model } = parseRemoteModelId(modelId);
    const target = this.deps.remotes.get(remote);
    return (request, signal) => generateRemoteSpeech(target, model, request, signal);
  }

  /** `voice.generate`: the speech becomes a WAV clip of the open project, through one job. */
  async generate(request: VoiceRequest): Promise<{ jobId: string }> {
    // Bad text, an unknown voice or speaker answer the call rather than failing a job.
    checkVoiceText(request.text);
    const name = clipName(request.text);
    if (request.engine === 'remote') return submitRemoteVoiceJob(this.deps, request, name);
    if (request.engine === 'kokoro') {
      const model = this.requireKokoro(request.model);
      const voice = kokoroVoiceOf(request);
      await checkKokoroVoice(model, voice);
      return submitKokoroVoiceJob(this.deps, { ...request, voice }, name, model);
    }
    const { piper } = this.deps;
    if (request.engine === 'piper') {
      const model = this.requireVoice(request.voice);
      const speaker = (await this.piperSpeakers(model)).speaker(request.speaker);
      return submitGeneration(this.deps, {
        kind: 'voice.generate',
        title: `Speak "${name}" · ${model.name}`,
        queue: piper.id,
        make: async (context) => {
          const made = await piper.generate(
            { text: request.text, voicePath: model.path, label: model.name, speaker, rate: request.rate },
            context.signal,
            context.progress,
          );
          return spokenClip(name, request.text, made, {
            engine: piper.id,
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
    return submitGeneration(this.deps, {
      kind: 'voice.generate',
      title: `Speak "${name}"`,
      queue: ESPEAK_ID,
      make: async (context) => {
        const made = await speakEspeak(request, context.signal, context.progress);
        return spokenClip(name, request.text, made, {
          engine: ESPEAK_ID,
          parameters: { ...made.parameters, voiceName: made.voice.name, sampleRate: made.sampleRate, sentences: made.sentences },
        });
      },
    });
  }
}
