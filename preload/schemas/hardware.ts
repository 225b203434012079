import { z } from 'zod';

/** What this computer has, as the Models tab summarises it. */
export const HardwareSchema = z.object({
  cpu: z.object({ model: z.string(), cores: z.int().nonnegative() }),
  ramBytes: z.int().nonnegative(),
  freeRamBytes: z.int().nonnegative(),
  /** Null until a runtime that can see the GPU is part of the install. */
  gpu: z.object({ name: z.string(), vramBytes: z.int().nonnegative().nullable() }).nullable(),
  /** One honest line about GPU detection. */
  gpuNote: z.string(),
});
export type Hardware = z.infer<typeof HardwareSchema>;

export type FitVerdict = 'fits' | 'tight' | 'too-large';

/** Share of the computer's memory a model may need and still leave room for everything else. */
export const FITS_SHARE = 0.6;
export const TIGHT_SHARE = 0.85;

/**
 * The plain verdict a creator sees on a model card: it fits when it needs at most 60 %
 * of this computer's memory, is tight up to 85 %, and is too large above that.
 */
export function fitVerdict(ramMbNeeded: number, totalRamBytes: number): FitVerdict {
  if (!(totalRamBytes > 0)) return 'too-large';
  const needed = Math.max(0, ramMbNeeded) * 1024 * 1024;
  if (needed <= totalRamBytes * FITS_SHARE) return 'fits';
  if (needed <= totalRamBytes * TIGHT_SHARE) return 'tight';
  return 'too-large';
}
