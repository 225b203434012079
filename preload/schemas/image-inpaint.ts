/** Where the original sits on an outpainted canvas. */
export const OUTPAINT_ANCHORS = ['center', 'top', 'bottom', 'left', 'right', 'top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type OutpaintAnchor = (typeof OUTPAINT_ANCHORS)[number];

/** The new canvas: an aspect ratio that contains the picture, an exact size, or pixels added on each side. */
export type OutpaintTarget =
  { aspect: { width: number; height: number } } | { width: number; height: number } | { extend: { top: number; right: number; bottom: number; left: number } };
