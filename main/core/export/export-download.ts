import fs from 'node:fs/promises';
import { AtelierError } from '../../../preload/errors.js';
import { EXPORT_EXTENSION } from './export-project.js';
import type { ExportRecords } from './export-records.js';

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
 * A finished export the web host may hand out: only a file an export job of this process
 * recorded (by its random id, with the name it was written under), still the same regular
 * file (not a link, not replaced, same real path). Anything else is NOT_FOUND.
 */
export async function resolveExportDownload(records: ExportRecords, id: string, name: string): Promise<{ path: string; name: string; mime: string }> {
  const record = /^[0-9a-f]{32}$/.test(id) ? records.get(id) : undefined;
  if (!record || record.name !== name) throw new AtelierError('NOT_FOUND', 'No such export.');
  const stat = await fs.lstat(record.path).catch(() => null);
  const real = await fs.realpath(record.path).catch(() => null);
  const same = stat?.isFile() && stat.dev === record.dev && stat.ino === record.ino && stat.size === record.size && stat.ctimeMs === record.ctimeMs;
  if (!same || real !== record.path) {
    throw new AtelierError('NOT_FOUND', `The export ${name} was moved, deleted or replaced since it was made.`);
  }
  const ending = Object.values(EXPORT_EXTENSION).find((ext) => name.toLowerCase().endsWith(`.${ext}`));
  return { path: record.path, name, mime: (ending && MIME[ending]) ?? 'application/octet-stream' };
}
