import { z } from 'zod';
import { IMAGE_LIMITS } from './image.js';

/** Where the original sits on an outpainted canvas. */
export const OUTPAINT_ANCHORS = ['center', 'top', 'bottom', 'left', 'right', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type OutpaintAnchor = (typeof OUTPAINT_ANCHORS)[number];

const Side = z.number().int().min(0).max(IMAGE_LIMITS.size.max);
const Size = z.number().int().min(IMAGE_LIMITS.size.min).max(IMAGE_LIMITS.size.max);

/** The new canvas: an aspect ratio that contains the picture, an exact size, or pixels added on each side. */
const OutpaintTargetSchema = z.union([
  z.strictObject({ aspect: z.strictObject({ width: z.number().int().min(1).max(100), height: z.number().int().min(1).max(100) }) }),
  z.strictObject({ width: Size, height: Size }),
  z.strictObject({ extend: z.strictObject({ top: Side.default(0), right: Side.default(0), bottom: Side.default(0), left: Side.default(0) }) }),
]);
export type OutpaintTarget = z.output<typeof OutpaintTargetSchema>;
