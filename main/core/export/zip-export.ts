import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import type { JobContext } from '../jobs/job-manager.js';
import { PROJECT_FILE, serializeBundleProject } from '../projects/project-file.js';
import { assetPath, type ExportSource } from './export-source.js';
import { writeZip, type ZipEntry } from './zip-writer.js';

/** Folders and files of a project that are not part of it: earlier exports, backups, leftovers. */
const LEFT_OUT = [/^exports(\/|$)/, /^project\.journal$/, /^project\.lock$/, /^trash(\/|$)/, /\.bak$/, /\.corrupt-\d+$/, /\.tmp$/, /\.partial$/];

/**
 * The project folder as a bundle: project.json (the snapshot being exported) and every
 * regular file beside it, byte for byte, so PNG text chunks and WAV tags survive.
 */
export async function exportZip(source: ExportSource, out: string, context: JobContext): Promise<void> {
  // An asset linked out of the folder refuses the export instead of being silently left out (a missing file stays the importer's concern).
  for (const asset of Object.values(source.data.assets)) {
    await assetPath(source, asset).catch((error: unknown) => {
      if (error instanceof AtelierError && error.code === 'FORBIDDEN') throw error;
    });
  }
  const files = (await regularFiles(source.dir)).filter((rel) => rel !== PROJECT_FILE && !LEFT_OUT.some((re) => re.test(rel)));
  const entries: ZipEntry[] = [
    { name: PROJECT_FILE, bytes: Buffer.from(serializeBundleProject(source.data)) },
    ...files.map((rel) => ({ name: rel, file: path.join(source.dir, ...rel.split('/')) })),
  ];
  await writeZip(out, entries, context.signal, (done) => context.progress({ fraction: done / entries.length, detail: `${done}/${entries.length} files` }));
}

/** Regular files under `dir` as forward-slash relative paths; links are skipped, never followed. */
async function regularFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await regularFiles(path.join(dir, entry.name), rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}
