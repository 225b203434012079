import { z } from 'zod';
import { defineHostProtocol } from '../../../platform/engine-host/host-protocol.js';

/** What main asks the Piper host to load (piper-host.ts `load`). */
const PiperHostLoadParamsSchema = z.object({
  /** The voice's .onnx file. */
  path: z.string().min(1),
  /** For messages: the model id or file name. */
  label: z.string(),
  /** CPU threads for one inference (Piper voices are small; a few threads are plenty). */
  threads: z.int().positive(),
});
export type PiperHostLoadParams = z.output<typeof PiperHostLoadParamsSchema>;

const PiperHostLoadedSchema = z.object({
  inputs: z.array(z.string()),
  outputs: z.array(z.string()),
  /** Whether the graph takes a speaker id (multi-speaker voices do). */
  hasSpeakerInput: z.boolean(),
});
export type PiperHostLoaded = z.output<typeof PiperHostLoadedSchema>;

const PiperHostSynthesizeParamsSchema = z.object({
  path: z.string().min(1),
  /** Phoneme ids of one sentence (phonemesToIds). */
  ids: z.array(z.int().nonnegative()),
  /** [noise_scale, length_scale, noise_w], as Piper's `scales` input. */
  scales: z.tuple([z.number(), z.number(), z.number()]),
  /** Only sent to graphs that have a `sid` input. */
  speaker: z.int().nonnegative().optional(),
});
export type PiperHostSynthesizeParams = z.output<typeof PiperHostSynthesizeParamsSchema>;

/** The sentence's audio: float samples, about -1..1, at the voice's sample rate. */
const PiperHostAudioSchema = z.custom<Float32Array>((value) => value instanceof Float32Array, { message: 'must be float samples' });
export type PiperHostAudio = z.output<typeof PiperHostAudioSchema>;

/** The Piper host's methods (piper-host.ts serves them, piper-client.ts calls them). */
export const PIPER_PROTOCOL = defineHostProtocol({
  load: { params: PiperHostLoadParamsSchema, result: PiperHostLoadedSchema },
  synthesize: { params: PiperHostSynthesizeParamsSchema, result: PiperHostAudioSchema },
  unload: { params: z.object({}), result: z.null() },
});

/** The input names every Piper (VITS) export has (piper/src/python/piper_train/export_onnx.py). */
export const PIPER_INPUTS = ['input', 'input_lengths', 'scales'] as const;
export const PIPER_SPEAKER_INPUT = 'sid';
