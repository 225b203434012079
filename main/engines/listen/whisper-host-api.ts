import { z } from 'zod';
import { defineHostProtocol } from '../../platform/engine-host/host-protocol.js';

/** Whisper hears 16 kHz mono; the caller decodes any input to this first. */
export const WHISPER_SAMPLE_RATE = 16_000;

const WhisperHostModelSchema = z.object({
  encoder: z.string().min(1),
  decoder: z.string().min(1),
  tokens: z.string().min(1),
  /** For messages: the model id or folder name. */
  label: z.string(),
});

/**
 * One transcription. The audio is a file of raw float32 little-endian samples at 16 kHz
 * mono (`pcm`), which the host reads a block at a time, so an hour of audio never sits
 * in memory. `language` is already checked against the model's list by the caller
 * (sherpa-onnx ends the process on an unknown one); empty means "detect it".
 */
export const WhisperHostTranscribeParamsSchema = z.object({
  model: WhisperHostModelSchema,
  /** A Silero VAD v5 graph that cuts the audio at pauses; null cuts fixed windows at the quietest moment instead. */
  vad: z.string().min(1).nullable(),
  pcm: z.string().min(1),
  language: z.string().regex(/^([a-z]{2,3})?$/),
  task: z.enum(['transcribe', 'translate']),
  threads: z.int().positive().max(64),
});
export type WhisperHostTranscribeParams = z.output<typeof WhisperHostTranscribeParamsSchema>;

/** One stretch of speech and its words, in seconds from the start of the audio. */
const WhisperSegmentSchema = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
  language: z.string(),
});
export type WhisperSegment = z.output<typeof WhisperSegmentSchema>;

/** Streamed while transcribing: each segment as it is heard, and how far the host has read. */
const WhisperHostEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('segment'), segment: WhisperSegmentSchema }),
  z.object({ type: z.literal('progress'), seconds: z.number().nonnegative() }),
]);
export type WhisperHostEvent = z.output<typeof WhisperHostEventSchema>;

const WhisperHostResultSchema = z.object({
  /** The language of the first segment with speech ("" when nothing was heard). */
  language: z.string(),
  /** Seconds of audio read. */
  duration: z.number().nonnegative(),
  segments: z.array(WhisperSegmentSchema),
});
export type WhisperHostResult = z.output<typeof WhisperHostResultSchema>;

export const WHISPER_PROTOCOL = defineHostProtocol({
  transcribe: { params: WhisperHostTranscribeParamsSchema, result: WhisperHostResultSchema, event: WhisperHostEventSchema },
  unload: { params: z.object({}), result: z.null() },
});
