import fs from 'node:fs/promises';
import path from 'node:path';
import type { Job, ProjectSummary } from '../../../../preload/contract.js';
import { AtelierError } from '../../../../preload/errors.js';
import {
  EXPORT_FORMATS,
  ExportRequestSchema,
  ExportResolutionSchema,
  type ExportResult,
  type ProjectExportFormat,
} from '../../../../preload/schemas/export.js';
import { importBundle } from '../../../core/bundle-import/import-bundle.js';
import { exportSource, submitExport } from '../../../core/export/export-job.js';
import { estimateVideo } from '../../../core/export/video-estimate.js';
import { exportSlug, filesFolderOf, type ExportTarget } from '../../../core/export/output-file.js';
import { formatBytes } from '../../../../preload/human-units.js';
import { createStudio, type Studio } from '../../../app/studio.js';
import { parseCommand } from '../cli-args.js';
import { VIDEO_OPTIONS, videoChoices, type VideoFlagValues } from './video-flags.js';
import { UsageError } from '../cli-errors.js';
import { EXPORT_HELP, IMPORT_HELP, PROJECT_EXPORT_HELP, PROJECT_IMPORT_HELP } from '../help/export-help.js';

const EXPORT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  resolution: { type: 'string', short: 'r' },
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  estimate: { type: 'boolean' },
  ...VIDEO_OPTIONS,
} as const;

interface ExportFlags extends VideoFlagValues {
  estimate?: boolean;
  format?: string;
  resolution?: string;
  out?: string;
  force?: boolean;
}

export async function exportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    { name: 'export', usage: EXPORT_HELP, options: { project: { type: 'string', short: 'p' }, ...EXPORT_OPTIONS } },
    args,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'; name the project with --project.`);
  await runExport(values.project, values);
}

export async function projectExportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand({ name: 'project export', usage: PROJECT_EXPORT_HELP, options: EXPORT_OPTIONS }, args);
  const [ref, ...extra] = positionals;
  if (!ref) throw new UsageError('name the project to export: atelier project export TITLE_OR_ID --format FORMAT -o OUT.');
  if (extra.length > 0) throw new UsageError(`one project at a time; unexpected '${extra[0]}'.`);
  await runExport(ref, values);
}

/** Both export commands: the flags checked before the studio opens, then one job followed to its end. */
async function runExport(projectRef: string | undefined, flags: ExportFlags): Promise<void> {
  const { preset, aspect, captions, motion, music } = flags;
  const choices = await videoChoices({ preset, aspect, captions, motion, music }, flags.format?.toLowerCase());
  // A preset names the format itself.
  const format = flags.format?.toLowerCase() ?? (choices.preset ? 'mp4' : undefined);
  if (!format) throw new UsageError(`say which format: --format ${EXPORT_FORMATS.join('|')}.`, { helpHint: false });
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${flags.format}".`, { helpHint: false });
  const resolution = ExportResolutionSchema.safeParse(flags.resolution?.toLowerCase() ?? '720p');
  if (!resolution.success) throw new UsageError(`--resolution must be 720p or 1080p, not "${flags.resolution}".`, { helpHint: false });
  if (flags.force && !flags.out) throw new UsageError('--force goes with -o FILE: it replaces that file.');
  if (flags.estimate && format !== 'mp4' && format !== 'webm')
    throw new UsageError('--estimate goes with a video format (mp4, webm or --preset).', { helpHint: false });

  const studio = await createStudio({ host: 'cli' });
  try {
    const project = await findProject(studio, projectRef);
    const target = flags.out ? await outputTarget(flags.out, format as ProjectExportFormat, project.title, flags.force === true) : undefined;
    const request = {
      projectId: project.id,
      format: format as ProjectExportFormat,
      resolution: resolution.data,
      aspect: choices.aspect,
      motion: choices.motion,
      ...(choices.captions !== undefined && { captions: choices.captions }),
      ...(choices.preset !== undefined && { preset: choices.preset }),
      ...(choices.musicAssetId !== undefined && { musicAssetId: choices.musicAssetId }),
    };
    if (flags.estimate) {
      const estimate = await estimateVideo(await exportSource(studio, project.id), ExportRequestSchema.parse(request), new AbortController().signal);
      const minutes = `${Math.floor(estimate.durationSeconds / 60)}:${String(Math.round(estimate.durationSeconds % 60)).padStart(2, '0')}`;
      process.stdout.write(
        `${minutes} (${estimate.durationSeconds.toFixed(1)} s), ${estimate.width}×${estimate.height}, about ${formatBytes(estimate.bytes)}, ${estimate.scenes} scenes, ${estimate.captionCues} caption cues\n`,
      );
      return;
    }
    const job = await submitExport(studio, request, target, choices.musicFile);
    const result = (await follow(studio, job, `export ${format}`)) as ExportResult;
    const folder = format === 'md' ? ` with its files in ${filesFolderOf(result.path)}${path.sep}` : '';
    const poster = `${result.posterPath ? `, poster frame ${result.posterPath}` : ''}`;
    process.stdout.write(`Wrote ${result.path}${folder} (${formatBytes(result.size)})${poster}\n`);
  } finally {
    await studio.dispose();
  }
}

export async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand({ name: 'import', usage: IMPORT_HELP, options: { title: { type: 'string', short: 't' } } }, args);
  await runImport(values.title, positionals);
}

export async function projectImportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    { name: 'project import', usage: PROJECT_IMPORT_HELP, options: { title: { type: 'string', short: 't' } } },
    args,
  );
  await runImport(values.title, positionals);
}

async function runImport(title: string | undefined, positionals: string[]): Promise<void> {
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('name the bundle to import: atelier import BUNDLE.zip.');
  if (extra.length > 0) throw new UsageError(`one bundle at a time; unexpected '${extra[0]}'.`);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) throw new AtelierError('NOT_FOUND', `no file ${file}.`);
  const studio = await createStudio({ host: 'cli' });
  try {
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.on('SIGINT', onSigint);
    try {
      const { dir, data } = await importBundle(
        path.resolve(file),
        studio.paths.projectsDir,
        { signal: controller.signal, progress: () => undefined },
        { title },
      );
      await studio.projects.openById(data.id);
      process.stdout.write(`Imported "${data.title}" (${data.scenes.length} scenes, ${Object.keys(data.assets).length} assets) as ${data.id} in ${dir}\n`);
    } finally {
      process.off('SIGINT', onSigint);
    }
  } finally {
    await studio.dispose();
  }
}

/** By id, else by title (exact, ignoring case); without a name, the project opened last. */
export async function findProject(studio: Studio, wanted: string | undefined): Promise<ProjectSummary> {
  if (!wanted) {
    const open = studio.projects.current();
    if (!open) throw new AtelierError('NO_PROJECT_OPEN', 'no project is open: name one with --project ID_OR_TITLE.');
    return open;
  }
  const all = await studio.projects.list();
  const byId = all.find((p) => p.id === wanted);
  if (byId) return byId;
  const byTitle = all.filter((p) => p.title.toLowerCase() === wanted.trim().toLowerCase());
  if (byTitle.length === 1 && byTitle[0]) return byTitle[0];
  if (byTitle.length > 1)
    throw new UsageError(`${byTitle.length} projects are called "${wanted}"; use the id: ${byTitle.map((p) => p.id).join(', ')}.`, { helpHint: false });
  throw new AtelierError('NOT_FOUND', `no project with the id or title "${wanted}".`);
}

/**
 * -o as a folder (one that exists, or a path ending in a slash: the file is named after the
 * project) or as the exact file to write. A file that exists, or Markdown's folder beside
 * it, is refused before any work unless --force says to replace it.
 */
async function outputTarget(out: string, format: ProjectExportFormat, title: string, force: boolean): Promise<ExportTarget> {
  const resolved = path.resolve(out);
  const stat = await fs.stat(resolved).catch(() => null);
  if (/[\\/]$/.test(out) || stat?.isDirectory()) {
    if (force) throw new UsageError(`--force replaces a file named with -o; ${out} is a folder, where nothing is replaced.`, { helpHint: false });
    return { folder: resolved, stem: exportSlug(title) };
  }
  if (!(await fs.stat(path.dirname(resolved)).catch(() => null))?.isDirectory())
    throw new AtelierError('IO_ERROR', `cannot write ${out}: its folder does not exist.`);
  if (!force) {
    const taken = [resolved, ...(format === 'md' ? [filesFolderOf(resolved)] : [])];
    for (const file of taken) {
      if (await fs.lstat(file).catch(() => null))
        throw new AtelierError('IO_ERROR', `${file} already exists: choose another name, or add --force to replace it.`);
    }
  }
  return { file: resolved, replace: force };
}

/** Follows a job with a progress line on stderr; Ctrl+C cancels it. */
async function follow(studio: Studio, job: Job, label: string): Promise<unknown> {
  const tty = Boolean(process.stderr.isTTY);
  let lastTenth = -1;
  const unsubscribe = studio.events.subscribe((name, payload) => {
    const update = (payload as { job?: Job }).job;
    if (name !== 'job.progress' || update?.id !== job.id) return;
    const percent = update.progress === null ? '' : `${Math.floor(update.progress * 100)}% `;
    if (tty) process.stderr.write(`\r\x1b[2K${label}: ${percent}${update.detail ?? ''}`);
    else if (update.progress !== null && Math.floor(update.progress * 10) > lastTenth) {
      lastTenth = Math.floor(update.progress * 10);
      process.stderr.write(`${label}: ${percent}${update.detail ?? ''}\n`);
    }
  });
  const onSigint = () => studio.jobs.cancel(job.id);
  process.on('SIGINT', onSigint);
  try {
    const final = await studio.jobs.settled(job.id);
    if (tty) process.stderr.write('\r\x1b[2K');
    if (final.state === 'done') return final.result;
    if (final.state === 'cancelled') throw new AtelierError('CANCELLED', 'Stopped; no file was written.');
    throw new AtelierError(final.error?.code ?? 'INTERNAL', final.error?.message ?? 'The export failed.');
  } finally {
    unsubscribe();
    process.off('SIGINT', onSigint);
  }
}
