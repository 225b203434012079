import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Job, ProjectSummary } from '../../../../preload/contract.js';
import { AtelierError } from '../../../../preload/errors.js';
import { EXPORT_FORMATS, ExportResolutionSchema, type ExportResult, type ProjectExportFormat } from '../../../../preload/schemas/export.js';
import { importBundle } from '../../../core/bundle-import/import-bundle.js';
import { submitExport } from '../../../core/export/export-job.js';
import { EXPORT_EXTENSION } from '../../../core/export/export-project.js';
import { formatBytes } from '../../../../preload/human-units.js';
import { createStudio, type Studio } from '../../../core/studio.js';
import { UsageError } from '../cli-errors.js';

export const EXPORT_HELP = `atelier export [--project ID_OR_TITLE] --format FORMAT [--resolution 720p|1080p] [--out PATH]

Exports a project (the last one opened, unless --project names one).
  --format F      zip (a bundle 'atelier import' reads back), html (one file that plays
                  the storyboard), md (Markdown and its assets, zipped), pdf, mp4, webm
  --resolution R  video size: 720p (default) or 1080p
  --out PATH      a folder, or a file name; an existing file is never replaced (-2, -3 is added)
                  default: the settings' output folder, else the project's exports/ folder

atelier import BUNDLE.zip [--title TITLE]

Imports an Atelier zip bundle as a new project, after checking every entry.`;

export async function exportCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      project: { type: 'string', short: 'p' },
      format: { type: 'string', short: 'f' },
      resolution: { type: 'string', short: 'r' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${EXPORT_HELP}\n`);
    return;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'; name the project with --project.`);
  const format = values.format?.toLowerCase();
  if (!format) throw new UsageError(`say which format: --format ${EXPORT_FORMATS.join('|')}.`, { helpHint: false });
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${values.format}".`, { helpHint: false });
  const resolution = ExportResolutionSchema.safeParse(values.resolution?.toLowerCase() ?? '720p');
  if (!resolution.success) throw new UsageError(`--resolution must be 720p or 1080p, not "${values.resolution}".`, { helpHint: false });

  const studio = await createStudio({ host: 'cli' });
  try {
    const project = await findProject(studio, values.project);
    const target = values.out ? await outputTarget(values.out, format as ProjectExportFormat) : {};
    const job = await submitExport(studio, { projectId: project.id, format: format as ProjectExportFormat, resolution: resolution.data }, target);
    const result = (await follow(studio, job, `export ${format}`)) as ExportResult;
    process.stdout.write(`Wrote ${result.path} (${formatBytes(result.size)})\n`);
  } finally {
    await studio.dispose();
  }
}

export async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { title: { type: 'string', short: 't' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${EXPORT_HELP}\n`);
    return;
  }
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
      const { dir, data } = await importBundle(path.resolve(file), studio.paths.projectsDir, { signal: controller.signal, progress: () => undefined }, { title: values.title });
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
  if (byTitle.length > 1) throw new UsageError(`${byTitle.length} projects are called "${wanted}"; use the id: ${byTitle.map((p) => p.id).join(', ')}.`, { helpHint: false });
  throw new AtelierError('NOT_FOUND', `no project with the id or title "${wanted}".`);
}

/** --out as a folder (existing, or ending in a slash) or as a file name whose ending is dropped. */
async function outputTarget(out: string, format: ProjectExportFormat): Promise<{ folder: string; stem?: string; extension?: string }> {
  const resolved = path.resolve(out);
  const isFolder = /[\\/]$/.test(out) || ((await fs.stat(resolved).catch(() => null))?.isDirectory() ?? false);
  if (isFolder) return { folder: resolved };
  const ending = `.${EXPORT_EXTENSION[format]}`;
  const base = path.basename(resolved);
  const folder = path.dirname(resolved);
  if (!(await fs.stat(folder).catch(() => null))?.isDirectory()) throw new AtelierError('IO_ERROR', `cannot write ${out}: its folder does not exist.`);
  if (base.toLowerCase().endsWith(ending)) return { folder, stem: base.slice(0, -ending.length) };
  // Bundles and Markdown are zips, so `-o story.zip` names the file exactly as typed.
  if (ending.endsWith('.zip') && /\.zip$/i.test(base)) return { folder, stem: base.slice(0, -4), extension: base.slice(-3) };
  return { folder, stem: base.replace(/\.[^.]+$/, '') };
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
