import { z } from 'zod';
import { ProjectIdSchema } from './project.js';
import { CaptionModeSchema, VideoAspectSchema, VideoPresetIdSchema } from './video.js';

/**
 * `md` is a page with its files in a folder beside it; `md-zip` the same, zipped into one file.
 * `srt` and `vtt` are the narration's captions as a sidecar file.
 */
export const EXPORT_FORMATS = ['zip', 'html', 'md', 'md-zip', 'pdf', 'mp4', 'webm', 'srt', 'vtt'] as const;
export const ExportFormatSchema = z.enum(EXPORT_FORMATS);
export type ProjectExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportResolutionSchema = z.enum(['720p', '1080p']);
export type ExportResolution = z.infer<typeof ExportResolutionSchema>;

export const ExportRequestSchema = z.strictObject({
  /** Defaults to the open project. */
  projectId: ProjectIdSchema.optional(),
  format: ExportFormatSchema,
  /** Video only: the short side of the frame. */
  resolution: ExportResolutionSchema.default('720p'),
  /** Video only. */
  aspect: VideoAspectSchema.default('16:9'),
  /** Video only; absent: the project's setting (soft unless it says otherwise). */
  captions: CaptionModeSchema.optional(),
  /** Video only: `off` holds every picture still, whatever the scenes say. */
  motion: z.enum(['on', 'off']).default('on'),
  /** Video only: a sound asset of the project as a music bed; null: none, whatever the project says; absent: the project's setting. */
  musicAssetId: z.string().min(1).max(64).nullable().optional(),
  /** Sets format, aspect and resolution together (they override nothing else). */
  preset: VideoPresetIdSchema.optional(),
  /**
   * May the export make its folder when it does not exist yet? Absent: yes (a script asked for
   * the export). The Export dialog sends false until the creator has confirmed, so a missing
   * folder answers NOT_FOUND and nothing is made.
   */
  createFolder: z.boolean().optional(),
  /** Desktop: ask where to save in the system's save dialog first; dismissing it answers CANCELLED. Ignored where the host has none. */
  chooseFile: z.boolean().optional(),
});
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** The result of a finished projects.export job. */
export const ExportResultSchema = z.object({
  path: z.string(),
  size: z.number().int().nonnegative(),
  format: ExportFormatSchema,
  /** Web host: where the browser can fetch the file (GET, bearer token); absent for `md`, a page and a folder. */
  downloadUrl: z.string().optional(),
  /** Video only: the poster frame PNG written beside the video. */
  posterPath: z.string().optional(),
  /** What the creator should know about the result: scenes whose recorded narration had no transcript, so captions follow the text. */
  notes: z.array(z.string().max(2000)).max(1000).optional(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

/** Where an export of the project goes without a chosen file, and whether that folder exists yet. */
export const ExportFolderSchema = z.object({
  folder: z.string(),
  exists: z.boolean(),
  /** The host shows a save dialog when the request asks (the desktop app). */
  canChooseFile: z.boolean(),
});
export type ExportFolder = z.infer<typeof ExportFolderSchema>;
