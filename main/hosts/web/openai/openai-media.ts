import type { FastifyInstance } from 'fastify';
import { IMAGE_LIMITS, ImageRequestSchema } from '../../../../preload/schemas/image.js';
import { VOICE_LIMITS } from '../../../../preload/schemas/voice.js';
import { AtelierError } from '../../../../preload/errors.js';
import { encodeAudio, PCM_SAMPLE_RATE } from '../../../core/audio/ffmpeg-export.js';
import type { ImageInputs } from '../../../core/image/image-render.js';
import type { ProgressUpdate } from '../../../core/jobs/job-manager.js';
import { isRemoteModelId } from '../../../core/remotes/remote-model-id.js';
import type { StudioServices } from '../../../app/studio.js';
import { finishSpeech } from '../../../platform/audio/speech-finish.js';
import { runApiJob } from './api-job.js';
import { registerImageEditRoute } from './openai-image-edits.js';
import { kokoroModelFor, kokoroSpeech } from './openai-kokoro.js';
import type { ImageLinks } from './image-links.js';
import { modelNotFound, OpenAiError } from './openai-errors.js';
import { ImageBodySchema, parseSize, SpeechBodySchema } from './openai-schemas.js';
import { parseBody } from './openai-text.js';

/** OpenAI's voice names, so stock clients work; any espeak voice id (`de`, `en-us+f3`) or Kokoro voice id (`af_heart`) works too. */
const OPENAI_VOICES = new Set(['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer', 'verse']);

export function registerMediaRoutes(app: FastifyInstance, studio: StudioServices, links: ImageLinks, origin: () => string): void {
  registerImageEditRoute(app, studio, links, origin);
  app.post('/images/generations', async (request, reply) => {
    const body = parseBody(ImageBodySchema, request.body);
    const { width, height } = parseSize(body.size);
    for (const [side, value] of [
      ['width', width],
      ['height', height],
    ] as const) {
      if (value < IMAGE_LIMITS.size.min || value > IMAGE_LIMITS.size.max) {
        throw new OpenAiError(
          400,
          `size: the ${side} must be ${IMAGE_LIMITS.size.min} to ${IMAGE_LIMITS.size.max} pixels.`,
          'invalid_request_error',
          'size',
          'invalid_size',
        );
      }
    }
    const seed = studio.image.seed(body.seed);
    let queue: string;
    let make: (signal: AbortSignal, progress: (update: ProgressUpdate) => void) => Promise<Uint8Array[]>;
    if (isRemoteModelId(body.model)) {
      const render = studio.image.remoteRenderer(body.model);
      queue = body.model;
      make = (signal) => render({ prompt: body.prompt, width, height, count: body.n, seed }, signal);
    } else {
      let inputs: ImageInputs = {};
      if (body.model !== 'procedural') {
        const installed = studio.image.findModel(body.model);
        if (!installed) throw modelNotFound(body.model, 'image');
        inputs = { model: { id: installed.id, dir: installed.path } };
      }
      const parsed = ImageRequestSchema.safeParse({
        engine: body.model === 'procedural' ? 'procedural' : 'diffusion',
        ...(body.model !== 'procedural' && { model: body.model }),
        ...(body.model === 'procedural' && { template: body.template ?? 'gradient' }),
        prompt: body.prompt,
        ...(body.negative_prompt !== undefined && { negativePrompt: body.negative_prompt }),
        ...(body.text !== undefined && { text: body.text }),
        ...(body.steps !== undefined && { steps: body.steps }),
        width,
        height,
        seed,
        count: body.n,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new OpenAiError(
          400,
          `Invalid image request: ${issue?.path.join('.') || 'body'}: ${issue?.message}`,
          'invalid_request_error',
          'size',
          'invalid_request',
        );
      }
      const imageRequest = { ...parsed.data, seed };
      queue = imageRequest.engine;
      make = async (signal, progress) => (await studio.image.render(imageRequest, inputs, signal, progress)).map((m) => m.png);
    }
    const pngs = await runApiJob(studio, reply, {
      kind: 'api.image',
      title: `API image · ${body.model} · ${width}×${height}${body.n > 1 ? ` ×${body.n}` : ''} (seed ${seed})`,
      queue,
      run: ({ signal, progress }) => make(signal, progress),
      summary: (made) => ({ images: made.length, width, height, seed }),
    });
    return reply.send({
      created: Math.floor(Date.now() / 1000),
      data: pngs.map((png, index) =>
        body.response_format === 'url'
          ? { url: `${origin()}/v1/images/files/${links.add(png)}.png`, seed: seed + index }
          : { b64_json: Buffer.from(png).toString('base64'), seed: seed + index },
      ),
    });
  });

  app.get<{ Params: { file: string } }>('/images/files/:file', { config: { access: 'capability' } }, async (request, reply) => {
    const match = /^([0-9a-f]{32})\.png$/.exec(request.params.file);
    const png = match ? links.get(match[1] as string) : undefined;
    if (!png)
      throw new OpenAiError(404, 'This image link has expired or never existed; image links last 10 minutes.', 'invalid_request_error', null, 'not_found');
    reply.header('Cache-Control', 'no-store');
    reply.header('Content-Security-Policy', "sandbox; default-src 'none'");
    return reply.type('image/png').send(Buffer.from(png));
  });

  app.post('/audio/speech', async (request, reply) => {
    const body = parseBody(SpeechBodySchema, request.body);
    const format = body.response_format;
    const encode = (wav: Uint8Array, signal: AbortSignal) => (format === 'wav' ? wav : encodeAudio(wav, format, signal));
    let queue: string;
    let make: (signal: AbortSignal, progress: (update: ProgressUpdate) => void) => Promise<Uint8Array>;
    const kokoroModel = isRemoteModelId(body.model) || body.model === 'espeak' ? undefined : kokoroModelFor(studio, body.model);
    if (isRemoteModelId(body.model)) {
      const speak = studio.voice.remoteSpeaker(body.model);
      queue = body.model;
      // The remote server encodes what it can; the rest is made here from its WAV.
      const asked = format === 'wav' || format === 'mp3' ? format : 'wav';
      make = async (signal) => {
        const audio = await speak({ input: body.input, voice: body.voice, speed: body.speed, format: asked }, signal);
        return asked === format ? audio : encode(audio, signal);
      };
    } else if (body.model === 'espeak') {
      checkSpeed(body.speed, 'espeak');
      studio.voice.checkText(body.input);
      const voice = OPENAI_VOICES.has(body.voice) ? 'en' : body.voice;
      queue = studio.voice.espeakQueue;
      make = async (signal, progress) => {
        const made = await studio.voice.speakEspeak({ text: body.input, voice, rate: body.speed, pitch: VOICE_LIMITS.pitch.default }, signal, progress);
        return encode(finishSpeech(made.samples, made.sampleRate).wav, signal);
      };
    } else if (kokoroModel) {
      const speak = await kokoroSpeech(studio, kokoroModel, body, OPENAI_VOICES);
      queue = studio.voice.kokoroQueue;
      make = async (signal, progress) => encode(await speak(signal, progress), signal);
    } else {
      const voiceModel = studio.voice.findVoice(body.model);
      if (!voiceModel) throw modelNotFound(body.model, 'speech');
      checkSpeed(body.speed, 'Piper voices');
      studio.voice.checkText(body.input);
      const speakers = await studio.voice.piperSpeakers(voiceModel);
      // OpenAI's own voice names (every stock client sends one) mean the default speaker; any
      // other name or number (but the voice's own id) must be one of its speakers, else a 400 on `voice`.
      let speaker = 0;
      try {
        if (!OPENAI_VOICES.has(body.voice) && body.voice !== voiceModel.id) speaker = speakers.speaker(body.voice);
      } catch (error) {
        throw asVoiceError(error);
      }
      queue = studio.voice.piperQueue;
      make = async (signal, progress) => {
        const made = await studio.voice.speakPiper(
          { text: body.input, voicePath: voiceModel.path, label: voiceModel.name, speaker, rate: body.speed },
          signal,
          progress,
        );
        return encode(finishSpeech(made.samples, made.sampleRate).wav, signal);
      };
    }
    let audio: Uint8Array;
    try {
      audio = await runApiJob(studio, reply, {
        kind: 'api.speech',
        title: `API speech · ${body.model} · ${body.input.trim().slice(0, 32)}`,
        queue,
        run: ({ signal, progress }) => make(signal, progress),
        summary: (bytes) => ({ bytes: bytes.length, format }),
      });
    } catch (error) {
      // espeak resolves its voice in its worker, so an unknown one fails the job; it is still the request's voice that is wrong.
      throw body.model === 'espeak' ? asVoiceError(error) : error;
    }
    return reply.type(SPEECH_TYPES[format]).send(Buffer.from(audio));
  });
}

/** What each `response_format` is sent as; `pcm` is headerless 24 kHz 16-bit little-endian mono, as OpenAI sends it. */
const SPEECH_TYPES = {
  mp3: 'audio/mpeg',
  opus: 'audio/ogg',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: `audio/pcm;rate=${PCM_SAMPLE_RATE};channels=1`,
} as const;

function checkSpeed(speed: number, engine: string): void {
  if (speed >= VOICE_LIMITS.rate.min && speed <= VOICE_LIMITS.rate.max) return;
  throw new OpenAiError(
    400,
    `speed must be ${VOICE_LIMITS.rate.min} to ${VOICE_LIMITS.rate.max} for ${engine}.`,
    'invalid_request_error',
    'speed',
    'invalid_speed',
  );
}

/** A voice or speaker the model lacks is OpenAI's 400 on `voice`, not a 404: the model itself exists. */
function asVoiceError(error: unknown): unknown {
  if (error instanceof AtelierError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT'))
    return new OpenAiError(400, error.message, 'invalid_request_error', 'voice', 'voice_not_found');
  return error;
}
