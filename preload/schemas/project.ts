import { z } from 'zod';

export const ProjectTitleSchema = z.string().trim().min(1, 'A project needs a title.').max(120, 'A title has at most 120 characters.');

export const ProjectIdSchema = z.uuid();

export const ProjectSummarySchema = z.object({
  id: ProjectIdSchema,
  title: z.string(),
  path: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  assetCount: z.number().int().nonnegative(),
  sceneCount: z.number().int().nonnegative(),
  isOpen: z.boolean(),
  /** Changes exactly when the open project's assets do (not on a storyboard edit); absent from older hosts and for closed projects. */
  assetsRevision: z.string().optional(),
  /**
   * `damaged`: the folder is there but neither project.json nor its .bak can be read.
   * It stays listed so the creator can find and mend it; opening it answers
   * PROJECT_CORRUPT. Absent means ok (older hosts never send it).
   */
  status: z.enum(['ok', 'damaged']).optional(),
  /** For a damaged project: what is wrong, in words. */
  problem: z.string().optional(),
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const OpenedProjectSchema = z.object({
  project: ProjectSummarySchema,
  /** True when project.json was unreadable and the last good copy (.bak) was loaded instead. */
  recoveredFromBackup: z.boolean(),
});
export type OpenedProject = z.infer<typeof OpenedProjectSchema>;

export const RevealedFolderSchema = z.object({
  path: z.string(),
  /** True when the desktop's file manager was asked to show it; elsewhere the path is for the creator to copy. */
  shown: z.boolean(),
});
export type RevealedFolder = z.infer<typeof RevealedFolderSchema>;
