import fs from 'node:fs/promises';
import path from 'node:path';
import type { ExportResolution, ProjectExportFormat } from '../../../preload/schemas/export.js';
import { AtelierError } from '../../../preload/errors.js';
import type { JobContext } from '../jobs/job-manager.js';
import type { ExportSource } from './export-source.js';
import { exportHtml } from './html-export.js';
import { exportMarkdown } from './md-export.js';
import { fileStem, writeNewFile } from './output-file.js';
import { exportPdf } from './pdf-export.js';
import { exportVideo } from './video-export.js';
import { exportZip } from './zip-export.js';

/** The file name ending per format; Markdown travels as a zip of the page and its assets. */
export const EXPORT_EXTENSION: Record<ProjectExportFormat, string> = {
  zip: 'atelier.zip',
  html: 'html',
  md: 'md.zip',
  pdf: 'pdf',
  mp4: 'mp4',
  webm: 'webm',
};

export interface ExportOptions {
  format: ProjectExportFormat;
  resolution: ExportResolution;
  /** The folder to write into (the settings' output folder, else the project's exports/). */
  folder: string;
  /** The file name without its ending; defaults to the project title. */
  stem?: string;
  /** An ending the user asked for by name (`story.zip`) instead of the format's own. */
  extension?: string;
}

/** Where exports go when no output folder is set. */
export function defaultExportFolder(projectDir: string): string {
  return path.join(projectDir, 'exports');
}

/** Exports a project snapshot to a new file (never over an existing one); returns its path and size. */
export async function exportProject(source: ExportSource, options: ExportOptions, context: JobContext): Promise<{ path: string; size: number }> {
  const write = async (partial: string): Promise<void> => {
    switch (options.format) {
      case 'zip':
        return exportZip(source, partial, context);
      case 'html':
        return exportHtml(source, partial, context);
      case 'md':
        return exportMarkdown(source, partial, context);
      case 'pdf':
        return exportPdf(source, partial, context);
      case 'mp4':
      case 'webm':
        return exportVideo(source, options.format, options.resolution, partial, context);
    }
  };
  const file = await writeNewFile(options.folder, options.stem ?? fileStem(source.data.title), options.extension ?? EXPORT_EXTENSION[options.format], async (partial) => {
    await write(partial);
    if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
  });
  context.progress({ fraction: 1, detail: path.basename(file) });
  return { path: file, size: (await fs.stat(file)).size };
}
