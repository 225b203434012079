import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type yauzl from 'yauzl';
import { AtelierError } from '../../../preload/errors.js';
import { ensureFreeSpace, freeBytes as systemFreeBytes, type FreeBytes } from '../files/disk-space.js';
import { parseJsonText } from '../files/read-json.js';
import type { JobContext } from '../jobs/job-manager.js';
import { uniqueFolder } from '../projects/folder-name.js';
import { PROJECT_FILE, ProjectFileSchema, type ProjectFile } from '../projects/project-file.js';
import { saveProject } from '../projects/project-folder.js';
import { resolveInside } from '../security/path-inside.js';
import { entryKey, listBundle, refuse } from './bundle-entries.js';
import { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from './bundle-limits.js';
import { readEntryText, unpackEntries } from './unpack-bundle.js';

/** A project.json larger than this is not one Atelier wrote. */
const MAX_PROJECT_JSON_BYTES = 64 * 1024 ** 2;

interface ImportOptions {
  /** A title for the imported project instead of the bundle's. */
  title?: string;
  limits?: BundleLimits;
  /** How free space is measured (tests pass a full disk). */
  freeBytes?: FreeBytes;
}

/**
 * Imports a zip bundle as a NEW project. The central directory is checked first (names,
 * types, the declared size and compression budget of all entries together), then
 * project.json is read from the archive and validated, and only the files it names are
 * unpacked, into a hidden temp folder inside the projects folder once the disk has room
 * for them. The project gets a fresh id and the folder is renamed into place. A refused
 * or cancelled import leaves nothing.
 */
export async function importBundle(
  file: string,
  projectsDir: string,
  context: JobContext,
  options: ImportOptions = {},
): Promise<{ dir: string; data: ProjectFile }> {
  const limits = options.limits ?? DEFAULT_BUNDLE_LIMITS;
  const { zip, files } = await listBundle(file, limits);
  let temp: string | undefined;
  try {
    const projectEntry = files.get(PROJECT_FILE);
    if (!projectEntry) throw refuse('it has no project.json at its top level');
    const data = validProject(await readEntryText(zip, projectEntry, MAX_PROJECT_JSON_BYTES, limits, context.signal));
    const wanted = namedEntries(data, files);
    const needed = wanted.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
    await fs.mkdir(projectsDir, { recursive: true });
    await ensureFreeSpace(projectsDir, needed, 'this bundle', options.freeBytes ?? systemFreeBytes, 'Free some space, then try again.');
    // A dot folder without the .atelier suffix: project listing never sees it half-made.
    temp = await fs.mkdtemp(path.join(projectsDir, '.import-'));
    await unpackEntries(zip, wanted, temp, limits, context.signal, (done, total) =>
      context.progress({ fraction: (0.9 * done) / Math.max(1, total), detail: `${done}/${total} files` }),
    );
    const imported: ProjectFile = { ...data, id: randomUUID(), title: options.title?.trim() || data.title };
    await saveProject(temp, imported);
    await fs.rm(path.join(temp, `${PROJECT_FILE}.bak`), { force: true });
    if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    const dir = await uniqueFolder(projectsDir, imported.title);
    await fs.rename(temp, dir);
    context.progress({ fraction: 1, detail: 'imported' });
    return { dir, data: imported };
  } catch (error) {
    if (temp) await fs.rm(temp, { recursive: true, force: true });
    if (context.signal.aborted && !(error instanceof AtelierError && error.code === 'CANCELLED')) throw new AtelierError('CANCELLED', 'Cancelled.');
    throw error;
  } finally {
    zip.close();
  }
}

function validProject(text: string): ProjectFile {
  let json: unknown;
  try {
    json = parseJsonText(text, 'its project.json');
  } catch (error) {
    throw refuse((error as Error).message.replace(/\.$/, ''));
  }
  const parsed = ProjectFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw refuse(`its project.json is not an Atelier project (${issue ? `${issue.path.join('.') || 'root'}: ${issue.message}` : 'invalid'})`);
  }
  const data = parsed.data;
  for (const scene of data.scenes) {
    for (const id of [scene.imageAssetId, scene.narrationAssetId, scene.bedAssetId]) {
      if (id !== undefined && !data.assets[id]) throw refuse(`scene "${scene.title || scene.id}" names asset ${id}, which project.json does not list`);
    }
  }
  const music = data.video?.musicAssetId;
  if (music !== undefined && !data.assets[music]) throw refuse(`its music bed names asset ${music}, which project.json does not list`);
  return data;
}

/** The entries project.json names (asset files and thumbnails); every other entry is dropped unread. */
function namedEntries(data: ProjectFile, files: Map<string, yauzl.Entry>): yauzl.Entry[] {
  const wanted = new Map<string, yauzl.Entry>();
  for (const asset of Object.values(data.assets)) {
    for (const rel of [asset.file, asset.thumbnail].filter((f): f is string => f !== undefined)) {
      try {
        // Any root will do: only whether the path stays inside matters here.
        resolveInside('/bundle', rel);
      } catch {
        throw refuse(`asset "${asset.name}" names a file outside the project (${rel})`);
      }
      const key = entryKey(rel);
      const entry = files.get(key);
      if (!entry || key === PROJECT_FILE) throw refuse(`asset "${asset.name}" names ${rel}, which the bundle does not contain`);
      wanted.set(key, entry);
    }
  }
  return [...wanted.values()];
}
