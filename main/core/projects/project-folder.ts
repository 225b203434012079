import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { readJsonFile } from '../files/read-json.js';
import { DAMAGED_ADVICE } from './damaged-project.js';
import { PROJECT_FILE, ProjectFileSchema, projectCast, serializeProject, serializeProjectCompact, type ProjectFile } from './project-file.js';

export interface LoadedProject {
  dir: string;
  data: ProjectFile;
  recoveredFromBackup: boolean;
}

/** Reads a project without changing anything on disk; falls back to the .bak copy. */
export async function peekProject(dir: string): Promise<LoadedProject> {
  const file = path.join(dir, PROJECT_FILE);
  const main = await readJsonFile(file, ProjectFileSchema);
  if (main.ok) return { dir, data: main.value, recoveredFromBackup: false };
  const backup = await readJsonFile(`${file}.bak`, ProjectFileSchema);
  if (backup.ok) return { dir, data: backup.value, recoveredFromBackup: true };
  const why = main.reason === 'missing' ? 'project.json is missing' : `project.json is damaged (${main.message})`;
  throw new AtelierError('PROJECT_CORRUPT', `${why} in ${dir}, and there is no usable backup. ${DAMAGED_ADVICE}`);
}

/**
 * Loads a project to work on it. When project.json is damaged and the backup is good,
 * the damaged file is kept aside (never deleted) and the backup becomes project.json.
 */
export async function loadProject(dir: string): Promise<LoadedProject> {
  const loaded = await peekProject(dir);
  if (loaded.recoveredFromBackup) {
    const file = path.join(dir, PROJECT_FILE);
    await fs.rename(file, `${file}.corrupt-${Date.now()}`).catch(() => undefined);
    await writeFileAtomic(file, serializeProject(loaded.data));
  }
  // A project saved before casts opens with the default one (saved with its next change).
  return { ...loaded, data: { ...loaded.data, cast: projectCast(loaded.data) } };
}

const WithoutAssetsSchema = ProjectFileSchema.omit({ assets: true });

/**
 * Asset records the schema has already checked, each mapped to what the check returned.
 * A storyboard edit keeps the project's `assets` object as it was (changes are made by
 * spreading), so a save at 2,000 assets checks the scenes, not every asset again.
 */
const checkedAssets = new WeakMap<object, ProjectFile['assets']>();

function checked(data: ProjectFile): ProjectFile {
  const assets = checkedAssets.get(data.assets);
  if (assets) return { ...WithoutAssetsSchema.parse(data), assets };
  const parsed = ProjectFileSchema.parse(data);
  checkedAssets.set(data.assets, parsed.assets);
  return parsed;
}

/**
 * Saved without indentation: at 500 scenes and 2,000 assets the indented file is a third
 * larger and slower to write, and every version reads either (it is JSON all the same).
 */
export async function saveProject(dir: string, data: ProjectFile): Promise<void> {
  await writeFileAtomic(path.join(dir, PROJECT_FILE), serializeProjectCompact(checked(data)), { backup: true });
}
