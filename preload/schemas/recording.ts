import { z } from 'zod';

/**
 * A take recorded with the microphone in the Voice tab. The renderer sends it as a 16-bit
 * PCM WAV (an uploaded or desktop file ref); main trims it and keeps it as an audio asset.
 */
export const RECORDING_LIMITS = {
  /** The longest take: the renderer stops there, main refuses a longer file. */
  maxSeconds: 15 * 60,
  /** Capture rates a microphone may run at. */
  sampleRate: { min: 8000, max: 96_000 },
} as const;

export const RecordingSaveSchema = z.strictObject({
  fileRef: z.string().min(1).max(128),
  /** Cut leading and trailing silence (default); false keeps the take as it was, e.g. after a take was refused as silent. */
  trim: z.boolean().default(true),
});
export type RecordingSave = z.output<typeof RecordingSaveSchema>;
