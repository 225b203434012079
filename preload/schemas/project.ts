import { z } from 'zod';

export const ProjectTitleSchema = z
  .string()
  .trim()
  .min(1, 'A project needs a title.')
  .max(120, 'A title has at most 120 characters.');

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
});
export type ProjectSummary = z.infer<typeof ProjectSummarySchema>;

export const OpenedProjectSchema = z.object({
  project: ProjectSummarySchema,
  /** True when project.json was unreadable and the last good copy (.bak) was loaded instead. */
  recoveredFromBackup: z.boolean(),
});
export type OpenedProject = z.infer<typeof OpenedProjectSchema>;
