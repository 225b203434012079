import fs from 'node:fs/promises';
import type { JobContext } from '../jobs/job-manager.js';
import { AtelierError } from '../../../preload/errors.js';
import { toSrt, toVtt } from './caption-files.js';
import type { ExportSource } from './export-source.js';
import { planVideo } from './video-plan.js';

/** The narration's captions as a sidecar file, timed exactly as the video export times them. */
export async function exportCaptions(source: ExportSource, format: 'srt' | 'vtt', out: string, context: JobContext): Promise<void> {
  const plan = await planVideo(source, context);
  if (plan.cues.length === 0) throw new AtelierError('INVALID_INPUT', 'No scene has narration, so there are no captions to export.');
  await fs.writeFile(out, format === 'srt' ? toSrt(plan.cues) : toVtt(plan.cues));
}
