import { z } from 'zod';
import { boundedJsonObject, JSON_LIMITS } from '../limits.js';

export const AssetKindSchema = z.enum(['text', 'image', 'audio', 'video', 'other']);
export type AssetKind = z.infer<typeof AssetKindSchema>;

/** How an asset was made, so it can be regenerated, varied or credited. */
export const AssetOriginSchema = z.object({
  engine: z.string().min(1),
  model: z.string().optional(),
  prompt: z.string().optional(),
  negativePrompt: z.string().optional(),
  seed: z.number().int().optional(),
  /** Depth only: a project saved before the size limit must still open. */
  parameters: boundedJsonObject({ depth: JSON_LIMITS.parameters.depth }, 'origin.parameters').optional(),
  durationMs: z.number().nonnegative().optional(),
  /** The file name it had before it was imported. */
  sourceName: z.string().optional(),
});
export type AssetOrigin = z.infer<typeof AssetOriginSchema>;

export const AssetSchema = z.object({
  id: z.string().min(1).max(64),
  kind: AssetKindSchema,
  name: z.string().min(1).max(255),
  /** Relative to the project folder, always under `assets/`. */
  file: z.string().min(1),
  mime: z.string().min(1),
  size: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  /** Relative to the project folder; absent for kinds without a picture. */
  thumbnail: z.string().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  origin: AssetOriginSchema,
});
export type Asset = z.infer<typeof AssetSchema>;

/**
 * assets.list: the whole list, or only the newest `limit`. The studio opens a project with
 * a first page (what its lists show before scrolling) so the open does not wait for, nor
 * parse, thousands of assets; the whole list follows once the project is on screen.
 */
/**
 * The assets a project is opened with: more than the sidebar's rows or a screen of cards,
 * few enough that the open costs the same at 20 assets or 2,000. The rest follows.
 */
export const FIRST_ASSETS = 100;

export const AssetListRequestSchema = z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() });
