import { z } from 'zod';
import { AssetSchema, ProjectIdSchema, SceneSchema } from '../../../preload/contract.js';
import { ProjectVideoSettingsSchema } from '../../../preload/schemas/video.js';
import { defaultCast, ProjectCastSchema, type ProjectCast } from '../../../preload/schemas/cast.js';
import { DirectorToolNameSchema } from '../../../preload/schemas/director.js';

export const PROJECT_FILE = 'project.json';
export const PROJECT_SUFFIX = '.atelier';
/**
 * 1: project.json holds the whole project by itself (what bundles carry, and older versions read).
 * 2: a project folder's project.json may be continued by project.journal (project-journal.ts);
 * an older version opening such a folder refuses it rather than silently dropping the journal.
 * A version-1 folder is migrated (rewritten as 2, the old file kept as project.json.bak) when opened.
 */
const CURRENT_SCHEMA_VERSION = 2;
const SELF_CONTAINED_SCHEMA_VERSION = 1;

/** project.json: the whole truth about a project besides the asset files themselves. */
export const ProjectFileSchema = z.object({
  schemaVersion: z.union([z.literal(SELF_CONTAINED_SCHEMA_VERSION), z.literal(CURRENT_SCHEMA_VERSION)]),
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
  /** The director's tools the creator lets run without asking, in this project. */
  director: z.object({ alwaysAllow: z.array(DirectorToolNameSchema) }).optional(),
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

/** The in-memory form of a project read from any version (nothing but the number differs yet). */
export function migrateProject(data: ProjectFile): ProjectFile {
  return data.schemaVersion === CURRENT_SCHEMA_VERSION ? data : { ...data, schemaVersion: CURRENT_SCHEMA_VERSION };
}

/** Indented, for a person who opens the file: bundles and recovered copies. */
export function serializeProject(project: ProjectFile): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}

/** A bundle's project.json: the whole project in one file, so version 1 (older versions import it). */
export function serializeBundleProject(project: ProjectFile): string {
  return serializeProject({ ...project, schemaVersion: SELF_CONTAINED_SCHEMA_VERSION });
}

/** What every save writes (project-folder.ts says why). */
export function serializeProjectCompact(project: ProjectFile): string {
  return `${JSON.stringify(project)}\n`;
}
