/** Sizes creators ask for most, first the one a video thumbnail needs. */
export const SIZE_PRESETS = [
  { id: 'thumb', label: 'Thumbnail 1280×720', width: 1280, height: 720 },
  { id: 'hd', label: 'Full HD 1920×1080', width: 1920, height: 1080 },
  { id: 'square', label: 'Square 1080×1080', width: 1080, height: 1080 },
  { id: 'story', label: 'Story 1080×1920', width: 1080, height: 1920 },
  { id: 'sd', label: 'SD 512×512', width: 512, height: 512 },
  { id: 'sd-wide', label: 'SD wide 768×512', width: 768, height: 512 },
] as const;

export function presetFor(width: number | null, height: number | null): string {
  return SIZE_PRESETS.find((p) => p.width === width && p.height === height)?.id ?? 'custom';
}
