import { z } from 'zod';
import { ProjectIdSchema } from './project.js';

/** `md` is a page with its files in a folder beside it; `md-zip` the same, zipped into one file. */
export const EXPORT_FORMATS = ['zip', 'html', 'md', 'md-zip', 'pdf', 'mp4', 'webm'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ProjectExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportResolutionSchema = z.enum(['720p', '1080p']);
export type ExportResolution = z.infer<typeof ExportResolutionSchema>;

export const ExportRequestSchema = z.strictObject({
  /** Defaults to the open project. */
  projectId: ProjectIdSchema.optional(),
  format: ExportFormatSchema,
  /** Video only. */
  resolution: ExportResolutionSchema.default('720p'),
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** The result of a finished projects.export job. */
export const ExportResultSchema = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  format: ExportFormatSchema,
  /** Web host: where the browser can fetch the file (GET, bearer token); absent for `md`, a page and a folder. */
  downloadUrl: z.string().optional(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;
