import type { ExportRequest } from '../../../preload/schemas/export.js';
import { VIDEO_PRESETS } from '../../../preload/schemas/video.js';

/** A preset sets format, aspect and resolution together; other fields stay as asked. */
export function withPreset(request: ExportRequest): ExportRequest {
  const preset = VIDEO_PRESETS.find((p) => p.id === request.preset);
  return preset ? { ...request, format: preset.format, aspect: preset.aspect, resolution: preset.resolution } : request;
}
