import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AtelierError } from '../../../../preload/errors.js';
import type { Transcript } from '../../../../preload/schemas/transcribe.js';
import type { StudioServices } from '../../../app/studio.js';
import { renderTranscript, TRANSCRIPT_MIME } from '../../../core/listen/transcript-files.js';
import type { WhisperModelRef } from '../../../core/listen/transcribe-service.js';
import { runApiJob } from './api-job.js';
import { readMultipartForm } from './multipart-form.js';
import { invalidBody, modelNotFound, OpenAiError } from './openai-errors.js';

/** OpenAI's own model names mean the active Whisper model, so stock clients work unchanged. */
const OPENAI_MODELS = new Set(['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe']);

/** A field sent twice counts once (its first value); `timestamp_granularities[]` alone may repeat. */
const first = (value: unknown): unknown => (Array.isArray(value) ? (value as unknown[])[0] : value);
const one = z.preprocess(first, z.string());

/** The form's fields (all strings in multipart); `prompt` and `temperature` are accepted and not used (Whisper here decodes greedily). */
const TranscriptionFormSchema = z.object({
  model: one.pipe(z.string().min(1).max(200)),
  language: one.pipe(z.string().regex(/^[a-z]{2,3}$/, 'an ISO-639-1 code such as en or de')).optional(),
  prompt: one.pipe(z.string().max(10_000)).optional(),
  response_format: one.pipe(z.enum(['json', 'text', 'srt', 'vtt', 'verbose_json'])).default('json'),
  temperature: z.preprocess((value) => Number(first(value)), z.number().min(0).max(1)).optional(),
  'timestamp_granularities[]': z
    .preprocess((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]), z.array(z.enum(['segment', 'word'])))
    .optional(),
});

function resolveModel(studio: StudioServices, model: string): WhisperModelRef {
  if (OPENAI_MODELS.has(model)) {
    try {
      return studio.transcribe.requireModel();
    } catch {
      throw new OpenAiError(
        404,
        `No transcription model is installed, so \`${model}\` has nothing to stand for. Download a Whisper model in the Models tab.`,
        'invalid_request_error',
        'model',
        'model_not_found',
      );
    }
  }
  if (!studio.transcribe.installed().some((m) => m.id === model)) throw modelNotFound(model, 'transcription');
  return studio.transcribe.requireModel(model);
}

/** OpenAI's verbose_json, from what Whisper here gives: segment times (no word times, no token log-probabilities). */
function verbose(transcript: Transcript, task: 'transcribe' | 'translate') {
  return {
    task,
    language: transcript.language,
    duration: transcript.duration,
    text: transcript.segments.map((s) => s.text).join(' '),
    segments: transcript.segments.map((s, id) => ({ id, start: s.start, end: s.end, text: s.text })),
  };
}

async function answer(studio: StudioServices, request: FastifyRequest, reply: FastifyReply, task: 'transcribe' | 'translate') {
  const form = await readMultipartForm(request);
  const parsed = TranscriptionFormSchema.safeParse(form.fields);
  if (!parsed.success) throw invalidBody(parsed.error);
  const body = parsed.data;
  const file = form.file('file');
  if (!file) throw new OpenAiError(400, 'Send the audio as the multipart file field `file`.', 'invalid_request_error', 'file', 'invalid_request');
  if (body['timestamp_granularities[]']?.includes('word')) {
    throw new OpenAiError(
      400,
      'Word timestamps are not available: the Whisper models here give segment times only. Ask for timestamp_granularities[]=segment.',
      'invalid_request_error',
      'timestamp_granularities',
      'invalid_request',
    );
  }
  if (task === 'translate' && body.language !== undefined) {
    throw new OpenAiError(400, 'A translation is always into English; leave out `language`.', 'invalid_request_error', 'language', 'invalid_request');
  }
  const model = resolveModel(studio, body.model);
  const format = body.response_format;
  let transcript: Transcript;
  try {
    transcript = await runApiJob(studio, reply, {
      kind: 'api.transcription',
      title: `API ${task === 'translate' ? 'translation' : 'transcription'} · ${model.label} · ${file.filename || 'audio'}`,
      queue: studio.transcribe.queue,
      run: ({ signal, progress }) =>
        studio.transcribe.transcribeUpload(file.data, file.filename, { model, task, ...(body.language && { language: body.language }) }, signal, progress),
      summary: (made) => ({ seconds: made.duration, segments: made.segments.length, format }),
    });
  } catch (error) {
    // A language the model does not know is the request's `language`, not a server fault.
    if (error instanceof AtelierError && error.code === 'INVALID_INPUT' && error.message.includes('language'))
      throw new OpenAiError(400, error.message, 'invalid_request_error', 'language', 'invalid_language');
    throw error;
  }
  if (format === 'json') return reply.send({ text: transcript.segments.map((s) => s.text).join(' ') });
  if (format === 'verbose_json') return reply.send(verbose(transcript, task));
  const as = format === 'text' ? 'txt' : format;
  return reply.type(TRANSCRIPT_MIME[as]).send(renderTranscript(transcript, as));
}

/** `POST /v1/audio/transcriptions` and `/v1/audio/translations` (into English; multilingual models only), as OpenAI's clients send them. */
export function registerTranscriptionRoutes(app: FastifyInstance, studio: StudioServices): void {
  app.post('/audio/transcriptions', (request, reply) => answer(studio, request, reply, 'transcribe'));
  app.post('/audio/translations', (request, reply) => answer(studio, request, reply, 'translate'));
}
