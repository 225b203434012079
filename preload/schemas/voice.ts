import { z } from 'zod';
import { VOICE_LIMITS } from './voice-limits.js';
export { VOICE_LIMITS } from './voice-limits.js';

export const VOICE_ENGINES = ['espeak', 'piper', 'remote', 'kokoro'] as const;

/** The Kokoro voice spoken when none is named (kokoro-js's default), and how a voice pack id looks. */
export const KOKORO_DEFAULT_VOICE = 'af_heart';
export const KokoroVoiceIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a Kokoro voice id, like af_heart')
  .refine((id) => !id.includes('..'), 'no ".." in voice ids');

/** OpenAI's /v1/audio/speech limits for a remote engine; `rate` maps onto its `speed`. */
export const REMOTE_VOICE_LIMITS = { speed: { min: 0.25, max: 4 }, voiceChars: 64, defaultVoice: 'alloy' } as const;

/** A voice an engine offers; `id` is what `voice` in a request names. */
export const VoiceInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  languages: z.array(z.string()),
  gender: z.enum(['male', 'female', 'unknown']),
});
export type VoiceInfo = z.infer<typeof VoiceInfoSchema>;

/** A way of speaking (espeak variant) that combines with any voice as `voice+variant`. */
export const VoiceVariantSchema = z.object({ id: z.string(), name: z.string(), gender: z.enum(['male', 'female', 'unknown']) });
export type VoiceVariant = z.infer<typeof VoiceVariantSchema>;

/** One speaker of a multi-speaker neural voice; `id` is its speaker index in the model. */
export const VoiceSpeakerSchema = z.object({ id: z.int().nonnegative(), name: z.string() });
export type VoiceSpeaker = z.infer<typeof VoiceSpeakerSchema>;

/** An installed neural voice (a Piper model); `id` is its model id in the registry. */
export const NeuralVoiceSchema = z.object({
  engine: z.literal('piper'),
  id: z.string(),
  name: z.string(),
  languages: z.array(z.string()),
  /** Piper's quality tier (x_low, low, medium, high) when its config says. */
  quality: z.string().optional(),
  sampleRate: z.int().positive(),
  /** Empty for single-speaker voices. */
  speakers: z.array(VoiceSpeakerSchema),
});
export type NeuralVoice = z.infer<typeof NeuralVoiceSchema>;

/** One voice pack of an installed Kokoro model; `languages` holds its BCP 47 tag ("en-US") for the search. */
export const KokoroVoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  languages: z.array(z.string()),
  /** "American English", from the id's first letter (Kokoro's convention). */
  languageName: z.string().optional(),
  gender: z.enum(['male', 'female', 'unknown']),
});
export type KokoroVoice = z.infer<typeof KokoroVoiceSchema>;

/** An installed Kokoro model and the voice packs in its folder; `id` is its model id. */
export const KokoroModelVoicesSchema = z.object({
  engine: z.literal('kokoro'),
  id: z.string(),
  name: z.string(),
  sampleRate: z.int().positive(),
  /** Whether narration (storyboard, scene Narrate) speaks with this model. */
  active: z.boolean(),
  voices: z.array(KokoroVoiceSchema),
});
export type KokoroModelVoices = z.infer<typeof KokoroModelVoicesSchema>;

export const VoiceListSchema = z.object({
  engine: z.literal('espeak'),
  voices: z.array(VoiceInfoSchema),
  variants: z.array(VoiceVariantSchema),
  /** A language with no voice of its own id (`en`) → the voice espeak speaks it with (`en-gb`), so a UI can name it. */
  aliases: z.record(z.string(), z.string()).optional(),
  /** Installed Piper voices (none until one is downloaded or imported). */
  neural: z.array(NeuralVoiceSchema).default([]),
  /** Installed Kokoro models with their voices (none until one is downloaded or imported). */
  kokoro: z.array(KokoroModelVoicesSchema).default([]),
});
export type VoiceList = z.infer<typeof VoiceListSchema>;

/**
 * What `voice.generate` takes. The text bound here only protects the transport; the
 * engine refuses more than VOICE_LIMITS.textChars with TOO_LARGE.
 */
export const VoiceRequestSchema = z.strictObject({
  text: z.string().max(1_000_000),
  /**
   * espeak is built in; piper speaks with an installed neural voice named by `voice` (its model id);
   * remote sends the text to the server named by `voice` (a `remote:<name>/<model>` id);
   * kokoro speaks with the voice pack named by `voice` (af_heart) of an installed Kokoro model.
   */
  engine: z.enum(VOICE_ENGINES).default('espeak'),
  voice: z.string().min(1).max(120).default('en'),
  /** The speaker of a multi-speaker neural voice (ignored by espeak). */
  speaker: z.int().nonnegative().max(10_000).optional(),
  rate: z.number().min(VOICE_LIMITS.rate.min).max(VOICE_LIMITS.rate.max).default(VOICE_LIMITS.rate.default),
  pitch: z.number().int().min(VOICE_LIMITS.pitch.min).max(VOICE_LIMITS.pitch.max).default(VOICE_LIMITS.pitch.default),
  volume: z.number().min(VOICE_LIMITS.volume.min).max(VOICE_LIMITS.volume.max).optional(),
  /** engine kokoro: the installed Kokoro model's id; absent: the active voice model when it is Kokoro, else the first installed. */
  model: z.string().min(1).max(96).optional(),
  /** A remote engine's own voice name (OpenAI's `voice`, e.g. "alloy"); ignored by local engines. */
  remoteVoice: z.string().trim().min(1).max(REMOTE_VOICE_LIMITS.voiceChars).optional(),
});
export type VoiceRequest = z.output<typeof VoiceRequestSchema>;

/** `voice.sample`: a short clip of one Kokoro voice, made on demand for the Models tab (no project needed). */
export const VoiceSampleRequestSchema = z.strictObject({
  /** An installed Kokoro model's id. */
  model: z.string().min(1).max(96),
  voice: KokoroVoiceIdSchema,
});
export type VoiceSampleRequest = z.output<typeof VoiceSampleRequestSchema>;

export const VoiceSampleSchema = z.object({
  /** A mono 16-bit WAV file, base64: a few seconds, small enough to travel in one reply. */
  wavBase64: z.string(),
  sampleRate: z.int().positive(),
  durationMs: z.int().nonnegative(),
  /** What the sample says. */
  text: z.string(),
});
export type VoiceSample = z.infer<typeof VoiceSampleSchema>;
