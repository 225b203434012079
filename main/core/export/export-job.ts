import type { Job } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { ExportRequest, ExportResult } from '../../../preload/schemas/export.js';
import { peekProject } from '../projects/project-folder.js';
import type { StudioServices } from '../studio-services.js';
import type { ExportSource } from './export-source.js';
import { exportProject } from './export-project.js';
import { exportFolderFor } from './export-folder.js';
import { fileStem, type ExportTarget } from './output-file.js';

/** The project to export: the named one (open or not), else the open one. Read once, so later edits don't mix in. */
export async function exportSource(studio: Pick<StudioServices, 'projects'>, projectId: string | undefined): Promise<ExportSource> {
  const open = studio.projects.current();
  if (projectId === undefined || open?.id === projectId) {
    const { dir, data } = studio.projects.requireOpen();
    return { dir, data: structuredClone(data) };
  }
  const summary = (await studio.projects.list()).find((p) => p.id === projectId);
  if (!summary) throw new AtelierError('NOT_FOUND', `No project with id ${projectId}.`);
  const { dir, data } = await peekProject(summary.path);
  return { dir, data };
}

const FORMAT_LABEL: Partial<Record<ExportRequest['format'], string>> = { md: 'Markdown', 'md-zip': 'Markdown zip' };

/**
 * Starts an export job; its result is an ExportResult. Without a target the file goes to
 * the export folder, named after the project.
 */
export async function submitExport(studio: StudioServices, request: ExportRequest, target?: ExportTarget): Promise<Job> {
  const source = await exportSource(studio, request.projectId);
  const where = target ?? { folder: exportFolderFor(studio.settings.get().outputFolder, source.dir), stem: fileStem(source.data.title) };
  const label =
    request.format === 'mp4' || request.format === 'webm'
      ? `${request.format.toUpperCase()} ${request.resolution}`
      : (FORMAT_LABEL[request.format] ?? request.format.toUpperCase());
  return studio.jobs.submit<ExportResult>({
    kind: 'projects.export',
    title: `Export "${source.data.title}" as ${label}`,
    queue: 'export',
    run: async (context) => {
      const made = await exportProject(source, { format: request.format, resolution: request.resolution, target: where }, context);
      // A page and its folder are not one file to hand a browser; `md-zip` is. The download link
      // names this job's record, so only the file this job wrote can be fetched through it.
      const record = request.format === 'md' ? undefined : await studio.exports.add(source.data.id, made.path);
      return {
        ...made,
        format: request.format,
        ...(record && { downloadUrl: `/exports/${record.id}/${encodeURIComponent(record.name)}` }),
      };
    },
  });
}
