import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { resolveInside } from '../security/path-inside.js';
import type { StudioServices } from '../studio.js';
import { exportFolderFor } from './export-folder.js';

/** The endings of exports that are one file (Markdown pages are not: their pictures sit in a folder). */
const MIME: Record<string, string> = {
  'atelier.zip': 'application/zip',
  'md.zip': 'application/zip',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/**
 * A finished export the web host may hand out: a plain file name (no folders), with an
 * export ending, that is a regular file (not a link) in the export folder of one of this
 * app's projects. Anything else is NOT_FOUND or FORBIDDEN.
 */
export async function resolveExportDownload(studio: Pick<StudioServices, 'projects' | 'settings'>, projectId: string, name: string): Promise<{ path: string; name: string; mime: string }> {
  if (name.includes('/') || name.includes('\\') || name.startsWith('.')) throw new AtelierError('FORBIDDEN', 'Not an export file name.');
  const ending = Object.keys(MIME).find((ext) => name.toLowerCase().endsWith(`.${ext}`));
  if (!ending) throw new AtelierError('FORBIDDEN', 'Only finished exports can be downloaded.');
  const project = (await studio.projects.list()).find((p) => p.id === projectId);
  if (!project) throw new AtelierError('NOT_FOUND', `No project with id ${projectId}.`);
  const folder = exportFolderFor(studio.settings.get().outputFolder, project.path);
  const file = resolveInside(folder, name);
  if (path.dirname(file) !== path.resolve(folder)) throw new AtelierError('FORBIDDEN', 'Not an export file name.');
  const stat = await fs.lstat(file).catch(() => null);
  if (!stat?.isFile()) throw new AtelierError('NOT_FOUND', `No export named ${name}.`);
  return { path: file, name, mime: MIME[ending] ?? 'application/octet-stream' };
}
