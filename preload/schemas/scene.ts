import { z } from 'zod';
import { SceneVideoSchema } from './video.js';

/** One storyboard card: text, a picture, narration and an optional sound bed. */
export const SceneSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().max(200),
  text: z.string().max(100_000),
  imageAssetId: z.string().optional(),
  narrationAssetId: z.string().optional(),
  bedAssetId: z.string().optional(),
  /** Motion, transition, fixed length and focus point in a video export; absent: the defaults. */
  video: SceneVideoSchema.optional(),
});
export type Scene = z.infer<typeof SceneSchema>;
