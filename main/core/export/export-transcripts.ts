import type { ProjectExportFormat } from '../../../preload/schemas/export.js';
import { isHeardNarration } from '../../../preload/caption-source.js';
import { AtelierError } from '../../../preload/errors.js';
import { narrationTranscript } from '../listen/narration-transcript.js';
import type { JobContext } from '../jobs/job-manager.js';
import type { StudioServices } from '../studio-services.js';
import type { TimedText } from './captions-transcript.js';
import { sceneHeading, type ExportSource } from './export-source.js';

/** The formats that carry captions timed against the narration. */
const CAPTIONED: ReadonlySet<ProjectExportFormat> = new Set(['mp4', 'webm', 'srt', 'vtt', 'html']);

/**
 * Before a captioned export: every recorded narration's transcript, found or made
 * (listen/narration-transcript.ts), for the captions to show the words heard; and a note
 * for each scene whose recording has none, so the report says its captions are timed
 * from the scene's text.
 */
export async function exportTranscripts(
  studio: Pick<StudioServices, 'projects' | 'jobs' | 'transcribe'>,
  source: ExportSource,
  format: ProjectExportFormat,
  context: JobContext,
): Promise<{ transcripts: Map<string, readonly TimedText[]>; notes: string[] }> {
  const transcripts = new Map<string, readonly TimedText[]>();
  const notes: string[] = [];
  if (!CAPTIONED.has(format)) return { transcripts, notes };
  const missing = new Map<string, string>();
  for (const [i, scene] of source.data.scenes.entries()) {
    const asset = scene.narrationAssetId ? source.data.assets[scene.narrationAssetId] : undefined;
    if (!asset || !isHeardNarration(asset)) continue;
    if (!transcripts.has(asset.id) && !missing.has(asset.id)) {
      if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
      context.progress({ fraction: null, detail: `transcript of ${asset.name}` });
      const found = await narrationTranscript(studio, source, asset, context.signal);
      if ('segments' in found) transcripts.set(asset.id, found.segments);
      else missing.set(asset.id, found.missing);
    }
    const why = missing.get(asset.id);
    if (why !== undefined) notes.push(`${sceneHeading(scene, i)}: captions are timed from the scene text, because ${why}.`);
  }
  return { transcripts, notes };
}
