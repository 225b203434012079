import { z } from 'zod';
import { ModelIdSchema } from './model.js';

/** What a transcript can be written as: plain text, segments as JSON, or subtitles. */
export const TRANSCRIPT_FORMATS = ['txt', 'json', 'srt', 'vtt'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

/** 'auto' lets the model detect the language; otherwise an ISO 639-1/3 code the model knows ("en", "de"). */
export const TranscribeLanguageSchema = z.union([z.literal('auto'), z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en or de')]);

/** One stretch of speech and its words, in seconds from the start of the audio. */
export const TranscriptSegmentSchema = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
  language: z.string(),
});
export type TranscriptSegment = z.infer<typeof TranscriptSegmentSchema>;

/** A whole transcript: what every output format is rendered from. */
export const TranscriptSchema = z.object({
  /** The language of the first segment with speech ("" when nothing was heard). */
  language: z.string(),
  /** Seconds of audio heard. */
  duration: z.number().nonnegative(),
  /** The installed model's id, or the folder's name for a model given by path. */
  model: z.string(),
  segments: z.array(TranscriptSegmentSchema),
});
export type Transcript = z.infer<typeof TranscriptSchema>;

/** `transcribe.asset`: an audio or video asset of the open project becomes a transcript asset beside it (a job). */
export const TranscribeAssetRequestSchema = z.strictObject({
  assetId: z.string().min(1).max(64),
  language: TranscribeLanguageSchema.optional(),
  /** An installed speech-to-text model; the active one when absent. */
  model: ModelIdSchema.optional(),
});
export type TranscribeAssetRequest = z.infer<typeof TranscribeAssetRequestSchema>;

/** `transcribe.dictation`: a short take from the Write tab's Dictate button, heard and answered as text (a job; nothing is kept). */
export const DictationRequestSchema = z.strictObject({
  /** A 16-bit WAV take, uploaded (web) or sent over the desktop's recording channel. */
  fileRef: z.string().min(1).max(128),
  language: TranscribeLanguageSchema.optional(),
});
export type DictationRequest = z.infer<typeof DictationRequestSchema>;

/** The words heard, segments joined by spaces, and how many seconds of audio were heard. */
export const DictationResultSchema = z.object({ text: z.string(), seconds: z.number().nonnegative() });
export type DictationResult = z.infer<typeof DictationResultSchema>;
