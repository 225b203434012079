import { z } from 'zod';
import { AssetSchema, ProjectIdSchema, SceneSchema } from '../../../preload/contract.js';
import { ProjectVideoSettingsSchema } from '../../../preload/schemas/video.js';
import { defaultCast, ProjectCastSchema, type ProjectCast } from '../../../preload/schemas/cast.js';

export const PROJECT_FILE = 'project.json';
export const PROJECT_SUFFIX = '.atelier';
const CURRENT_SCHEMA_VERSION = 1;

/** project.json: the whole truth about a project besides the asset files themselves. */
export const ProjectFileSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: ProjectIdSchema,
  title: z.string().min(1).max(120),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  scenes: z.array(SceneSchema),
  assets: z.record(z.string(), AssetSchema),
  /** Music bed, caption mode, poster scene; absent in older projects (the defaults). */
  video: ProjectVideoSettingsSchema.optional(),
  /** Characters and the pronunciation dictionary; absent in older projects (they get the default on open). */
  cast: ProjectCastSchema.optional(),
});
export type ProjectFile = z.infer<typeof ProjectFileSchema>;

export function newProjectFile(id: string, title: string, now = new Date()): ProjectFile {
  const stamp = now.toISOString();
  return { schemaVersion: CURRENT_SCHEMA_VERSION, id, title, createdAt: stamp, updatedAt: stamp, scenes: [], assets: {}, cast: defaultCast() };
}

/** The project's cast: its own, or the default (one narrator) for a project saved before casts. */
export function projectCast(project: ProjectFile): ProjectCast {
  return project.cast ?? defaultCast();
}

/** Indented, for a person who opens the file: bundles and recovered copies. */
export function serializeProject(project: ProjectFile): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}

/** What every save writes (project-folder.ts says why). */
export function serializeProjectCompact(project: ProjectFile): string {
  return `${JSON.stringify(project)}\n`;
}
