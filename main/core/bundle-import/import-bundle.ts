import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import type { JobContext } from '../jobs/job-manager.js';
import { uniqueFolder } from '../projects/folder-name.js';
import { PROJECT_FILE, ProjectFileSchema, type ProjectFile } from '../projects/project-file.js';
import { saveProject } from '../projects/project-folder.js';
import { resolveInside } from '../security/path-inside.js';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle-limits.js';
import { unpackBundle } from './unpack-bundle.js';

function refuse(reason: string): AtelierError {
  return new AtelierError('BUNDLE_INVALID', `This bundle was refused: ${reason}.`);
}

export interface ImportOptions {
  /** A title for the imported project instead of the bundle's. */
  title?: string;
  limits?: BundleLimits;
}

/**
 * Imports a zip bundle as a NEW project: unpacks into a hidden temp folder inside the
 * projects folder, validates project.json and every file it names, gives it a fresh id,
 * then renames the folder into place. A refused or cancelled import leaves nothing.
 */
export async function importBundle(file: string, projectsDir: string, context: JobContext, options: ImportOptions = {}): Promise<{ dir: string; data: ProjectFile }> {
  await fs.mkdir(projectsDir, { recursive: true });
  // A dot folder without the .atelier suffix: project listing never sees it half-made.
  const temp = await fs.mkdtemp(path.join(projectsDir, '.import-'));
  try {
    await unpackBundle(file, temp, options.limits ?? DEFAULT_BUNDLE_LIMITS, context.signal, (done, total) =>
      context.progress({ fraction: (0.9 * done) / Math.max(1, total), detail: `${done}/${total} files` }),
    );
    const data = await validProject(temp);
    const imported: ProjectFile = { ...data, id: randomUUID(), title: options.title?.trim() || data.title };
    await saveProject(temp, imported);
    await fs.rm(path.join(temp, `${PROJECT_FILE}.bak`), { force: true });
    if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    const dir = await uniqueFolder(projectsDir, imported.title);
    await fs.rename(temp, dir);
    context.progress({ fraction: 1, detail: 'imported' });
    return { dir, data: imported };
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    throw error;
  }
}

async function validProject(dir: string): Promise<ProjectFile> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, PROJECT_FILE), 'utf8');
  } catch {
    throw refuse('it has no project.json at its top level');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refuse(`its project.json is not valid JSON (${(error as Error).message})`);
  }
  const parsed = ProjectFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(`its project.json is not an Atelier project (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`);
  }
  const data = parsed.data;
  for (const asset of Object.values(data.assets)) {
    for (const rel of [asset.file, asset.thumbnail].filter((f): f is string => f !== undefined)) {
      let file: string;
      try {
        file = resolveInside(dir, rel);
      } catch {
        throw refuse(`asset "${asset.name}" names a file outside the project (${rel})`);
      }
      const stat = await fs.lstat(file).catch(() => null);
      if (!stat?.isFile()) throw refuse(`asset "${asset.name}" names ${rel}, which the bundle does not contain`);
    }
  }
  for (const scene of data.scenes) {
    for (const id of [scene.imageAssetId, scene.narrationAssetId, scene.bedAssetId]) {
      if (id !== undefined && !data.assets[id]) throw refuse(`scene "${scene.title || scene.id}" names asset ${id}, which project.json does not list`);
    }
  }
  return data;
}
