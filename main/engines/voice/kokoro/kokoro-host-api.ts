import { z } from 'zod';
import { defineHostProtocol } from '../../../platform/engine-host/host-protocol.js';
import { KOKORO_STYLE_DIM } from '../../../platform/formats/kokoro-folder.js';

/**
 * The Kokoro host's methods (kokoro-host.ts serves them, kokoro-client.ts calls them).
 * Each params schema is parsed at the host's entry: the host is this codebase, but a
 * malformed request must fail that request, not the process.
 */
export const KokoroHostLoadParamsSchema = z.object({
  /** The graph: `<folder>/onnx/model*.onnx`. */
  path: z.string().min(1),
  /** For messages: the model id or folder name. */
  label: z.string(),
  /** CPU threads for one inference. */
  threads: z.int().positive().max(64),
});
export type KokoroHostLoadParams = z.output<typeof KokoroHostLoadParamsSchema>;

const KokoroHostLoadedSchema = z.object({ inputs: z.array(z.string()), outputs: z.array(z.string()) });
export type KokoroHostLoaded = z.output<typeof KokoroHostLoadedSchema>;

/** A host restarted between chunks (killed, out of memory) loads the graph again from these. */
export const KokoroHostSynthesizeParamsSchema = KokoroHostLoadParamsSchema.extend({
  /** One chunk's ids, the pad on both sides (withPads). */
  ids: z.array(z.int().nonnegative().max(100_000)).min(1).max(1024),
  /** The voice pack's row for this chunk's phoneme count. */
  style: z.custom<Float32Array>((value) => value instanceof Float32Array && value.length === KOKORO_STYLE_DIM, {
    message: `must be ${KOKORO_STYLE_DIM} float style values`,
  }),
  speed: z.number().min(0.25).max(4),
});
export type KokoroHostSynthesizeParams = z.output<typeof KokoroHostSynthesizeParamsSchema>;

/** One chunk's audio: float samples, about -1..1, at 24 kHz. */
const KokoroHostAudioSchema = z.custom<Float32Array>((value) => value instanceof Float32Array, { message: 'must be float samples' });
export type KokoroHostAudio = z.output<typeof KokoroHostAudioSchema>;

/** The Kokoro host's methods, parsed at the host's entry by serveEngine. */
export const KOKORO_PROTOCOL = defineHostProtocol({
  load: { params: KokoroHostLoadParamsSchema, result: KokoroHostLoadedSchema },
  synthesize: { params: KokoroHostSynthesizeParamsSchema, result: KokoroHostAudioSchema },
  unload: { params: z.object({}), result: z.null() },
});

/** Kokoro speaks at 24 kHz (kokoro-js SAMPLE_RATE). */
export const KOKORO_SAMPLE_RATE = 24_000;
