import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import type { ExportRequest } from '../../../preload/schemas/export.js';
import type { StudioServices } from '../studio-services.js';
import type { ExportSource } from './export-source.js';
import { EXPORT_EXTENSION } from './export-project.js';
import { fileStem, type ExportTarget } from './output-file.js';

/** Exports go to the settings' output folder when one is set, else into the project's own exports/ folder. */
export function exportFolderFor(outputFolder: string | null, projectDir: string): string {
  return outputFolder ? path.resolve(outputFolder) : path.join(projectDir, 'exports');
}

export async function isFolder(folder: string): Promise<boolean> {
  return (await fs.stat(folder).catch(() => null))?.isDirectory() === true;
}

const FORMAT_WORDS: Record<ExportRequest['format'], string> = {
  zip: 'Atelier bundle',
  html: 'HTML page',
  md: 'Markdown page',
  'md-zip': 'Markdown zip',
  pdf: 'PDF document',
  mp4: 'MP4 video',
  webm: 'WebM video',
  srt: 'SRT captions',
  vtt: 'WebVTT captions',
};

/**
 * Where an export without a given target goes. On the desktop, when asked, the system's save
 * dialog chooses the file (its own overwrite question stands for `replace`). Elsewhere it is
 * the export folder, which is made only when the request allows it: the Export dialog confirms
 * with the creator first, so no folder appears unasked.
 */
export async function exportTargetFor(
  studio: Pick<StudioServices, 'settings' | 'capabilities'>,
  source: ExportSource,
  request: Pick<ExportRequest, 'format' | 'createFolder' | 'chooseFile'>,
): Promise<ExportTarget> {
  const folder = exportFolderFor(studio.settings.get().outputFolder, source.dir);
  const stem = fileStem(source.data.title);
  const choose = studio.capabilities.chooseSaveFile;
  if (request.chooseFile === true && choose) {
    const extension = EXPORT_EXTENSION[request.format];
    const file = await choose({ defaultPath: path.join(folder, `${stem}.${extension}`), extension, label: FORMAT_WORDS[request.format] });
    if (file === null) throw new AtelierError('CANCELLED', 'No file was chosen; nothing was exported.');
    return { file, replace: true };
  }
  if (request.createFolder === false && !(await isFolder(folder)))
    throw new AtelierError('NOT_FOUND', `The export folder ${folder} does not exist yet; nothing was made. Confirm to create it.`);
  return { folder, stem };
}
