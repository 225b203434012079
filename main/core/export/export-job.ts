import type { Job } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { ExportRequest, ExportResult } from '../../../preload/schemas/export.js';
import { peekProject } from '../projects/project-folder.js';
import type { StudioServices } from '../studio-services.js';
import { assetPath, type ExportSource } from './export-source.js';
import { exportProject } from './export-project.js';
import { exportTargetFor } from './export-folder.js';
import { exportTranscripts } from './export-transcripts.js';
import { withPreset } from './export-preset.js';
import type { ExportTarget } from './output-file.js';

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

/** The music bed's file: one named on the command line, else the request's or the project's sound asset (none when the request says null). */
async function musicFile(source: ExportSource, request: ExportRequest, file: string | undefined): Promise<string | undefined> {
  if (file !== undefined) return file;
  const id = request.musicAssetId === undefined ? source.data.video?.musicAssetId : request.musicAssetId;
  if (id === undefined || id === null) return undefined;
  const asset = Object.hasOwn(source.data.assets, id) ? source.data.assets[id] : undefined;
  if (!asset) throw new AtelierError('NOT_FOUND', `The project has no asset ${id} for the music bed.`);
  if (asset.kind !== 'audio')
    throw new AtelierError('INVALID_INPUT', `The music bed must be a sound; "${asset.name}" is ${asset.kind === 'image' ? 'a picture' : asset.kind}.`);
  return assetPath(source, asset);
}

/**
 * Starts an export job; its result is an ExportResult. Without a target the file goes to
 * the export folder, named after the project. `music` is a sound file for the music bed
 * (the command line's --music FILE); over the contract only a project's asset can be one.
 */
export async function submitExport(studio: StudioServices, asked: ExportRequest, target?: ExportTarget, music?: string): Promise<Job> {
  const request = withPreset(asked);
  const source = await exportSource(studio, request.projectId);
  const video = request.format === 'mp4' || request.format === 'webm';
  const bed = video ? await musicFile(source, request, music) : undefined;
  const where = target ?? (await exportTargetFor(studio, source, request));
  const label = video
    ? `${request.format.toUpperCase()} ${request.aspect} ${request.resolution}`
    : (FORMAT_LABEL[request.format] ?? request.format.toUpperCase());
  return studio.jobs.submit<ExportResult>({
    kind: 'projects.export',
    title: `Export "${source.data.title}" as ${label}`,
    queue: 'export',
    run: async (context) => {
      const { transcripts, notes } = await exportTranscripts(studio, source, request.format, context);
      const made = await exportProject(
        { ...source, transcripts },
        {
          format: request.format,
          resolution: request.resolution,
          aspect: request.aspect,
          captions: request.captions ?? source.data.video?.captions ?? 'soft',
          motion: request.motion === 'on',
          ...(bed !== undefined && { music: bed }),
          target: where,
        },
        context,
      );
      // A page and its folder are not one file to hand a browser; `md-zip` is. The download link
      // names this job's record, so only the file this job wrote can be fetched through it.
      const record = request.format === 'md' ? undefined : await studio.exports.add(source.data.id, made.path);
      return {
        ...made,
        format: request.format,
        ...(record && { downloadUrl: `/exports/${record.id}/${encodeURIComponent(record.name)}` }),
        ...(notes.length > 0 && { notes }),
      };
    },
  });
}
