import fs from 'node:fs/promises';
import path from 'node:path';
import type { ExportResolution, ProjectExportFormat } from '../../../preload/schemas/export.js';
import type { CaptionMode, VideoAspect } from '../../../preload/schemas/video.js';
import { AtelierError } from '../../../preload/errors.js';
import type { JobContext } from '../jobs/job-manager.js';
import type { ExportSource } from './export-source.js';
import { exportHtml } from './html-export.js';
import { exportMarkdownFolder, exportMarkdownZip } from './md-export.js';
import { writeExportFile, writeExportWithFolder, type ExportTarget } from './output-file.js';
import { exportPdf } from './pdf-export.js';
import { exportCaptions } from './caption-export.js';
import { exportVideo, type VideoMade } from './video-export.js';
import { writePosterBeside } from './poster-file.js';
import { exportZip } from './zip-export.js';

/** The file name ending per format, for files named after the project. */
export const EXPORT_EXTENSION: Record<ProjectExportFormat, string> = {
  zip: 'atelier.zip',
  html: 'html',
  md: 'md',
  'md-zip': 'md.zip',
  pdf: 'pdf',
  mp4: 'mp4',
  webm: 'webm',
  srt: 'srt',
  vtt: 'vtt',
};

interface ExportOptions {
  format: ProjectExportFormat;
  resolution: ExportResolution;
  /** Video only (defaults: 16:9, soft captions, motion on, no music). */
  aspect?: VideoAspect;
  captions?: CaptionMode;
  motion?: boolean;
  /** A sound file for the music bed. */
  music?: string;
  /** A folder (the settings' output folder, else the project's exports/) or one exact file. */
  target: ExportTarget;
}

async function sizeOf(target: string): Promise<number> {
  const stat = await fs.lstat(target);
  if (!stat.isDirectory()) return stat.size;
  let total = 0;
  for (const entry of await fs.readdir(target)) total += await sizeOf(path.join(target, entry));
  return total;
}

/**
 * Exports a project snapshot (never over an existing file unless the target says so);
 * returns its path and size. Markdown's path is the page; its size counts the folder too.
 */
export async function exportProject(
  source: ExportSource,
  options: ExportOptions,
  context: JobContext,
): Promise<{ path: string; size: number; posterPath?: string }> {
  const finished = (): void => {
    if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
  };
  if (options.format === 'md') {
    const made = await writeExportWithFolder(options.target, EXPORT_EXTENSION.md, async (file, folder, folderName) => {
      await exportMarkdownFolder(source, file, folder, folderName, context);
      finished();
    });
    context.progress({ fraction: 1, detail: path.basename(made.file) });
    return { path: made.file, size: (await sizeOf(made.file)) + (await sizeOf(made.folder)) };
  }
  let video: VideoMade | undefined;
  const write = async (partial: string): Promise<void> => {
    switch (options.format) {
      case 'zip':
        return exportZip(source, partial, context);
      case 'html':
        return exportHtml(source, partial, context);
      case 'md-zip':
        return exportMarkdownZip(source, partial, context);
      case 'pdf':
        return exportPdf(source, partial, context);
      case 'mp4':
      case 'webm': {
        const { format, resolution, aspect = '16:9', captions = 'soft', motion = true, music } = options;
        video = await exportVideo(source, { format, resolution, aspect, captions, motion, ...(music !== undefined && { music }) }, partial, context);
        return;
      }
      case 'srt':
      case 'vtt':
        return exportCaptions(source, options.format, partial, context);
    }
  };
  const file = await writeExportFile(options.target, EXPORT_EXTENSION[options.format], async (partial) => {
    await write(partial);
    finished();
  });
  const replace = 'file' in options.target && options.target.replace === true;
  const posterPath = video ? await writePosterBeside(file, video.poster, replace) : undefined;
  context.progress({ fraction: 1, detail: path.basename(file) });
  return { path: file, size: (await fs.stat(file)).size, ...(posterPath && { posterPath }) };
}
