import fs from 'node:fs/promises';
import type { Asset } from '../../../preload/contract.js';
import { transcriptOf } from '../../../preload/caption-source.js';
import { AtelierError } from '../../../preload/errors.js';
import { resolveProjectFile } from '../assets/asset-files.js';
import { parseCues } from '../export/caption-files.js';
import type { TimedText } from '../export/captions-transcript.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ProjectFile } from '../projects/project-file.js';
import type { ProjectStore } from '../projects/project-store.js';
import type { TranscribeService } from './transcribe-service.js';

interface Deps {
  projects: ProjectStore;
  jobs: JobManager;
  transcribe: TranscribeService;
}

/** A recording's transcript as timed text, or why there is none (said in the export's notes). */
type NarrationTranscript = { segments: TimedText[] } | { missing: string };

/** The project the export reads: its folder and a snapshot of its data. */
interface Source {
  dir: string;
  data: ProjectFile;
}

/** The newest transcript of `audio` in the project now (the open one can have gained one since the snapshot). */
function latestTranscript(deps: Deps, source: Source, audioId: string): Asset | undefined {
  const open = deps.projects.current()?.id === source.data.id ? deps.projects.requireOpen().data : undefined;
  return transcriptOf([...Object.values(source.data.assets), ...Object.values(open?.assets ?? {})], audioId);
}

async function readTranscript(source: Source, transcript: Asset): Promise<TimedText[]> {
  const file = await resolveProjectFile(source.dir, transcript.file, `Transcript "${transcript.name}"`);
  return parseCues(await fs.readFile(file, 'utf8'));
}

/** Waits for a job, cancelling it when the export that waits is cancelled. */
async function awaitJob(deps: Deps, jobId: string, signal: AbortSignal): Promise<void> {
  const cancel = () => deps.jobs.cancel(jobId);
  signal.addEventListener('abort', cancel, { once: true });
  try {
    const job = await deps.jobs.settled(jobId);
    if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    if (job.state !== 'done') throw new AtelierError(job.error?.code ?? 'INTERNAL', job.error?.message ?? `The transcription ended ${job.state}.`);
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/**
 * A recorded narration's transcript, made once and kept: the one saved beside it is read;
 * one being made (Use as narration started it) is waited for; otherwise, with a
 * speech-to-text model installed and the project open, `transcribe.asset` makes it now (its
 * own job, with progress, cancelled with the export). Without a model the captions stay
 * timed from the scene's text, and the answer says why.
 */
export async function narrationTranscript(deps: Deps, source: Source, audio: Asset, signal: AbortSignal): Promise<NarrationTranscript> {
  const kept = latestTranscript(deps, source, audio.id);
  if (kept) return { segments: await readTranscript(source, kept) };
  let jobId = deps.transcribe.runningFor(audio.id);
  if (jobId === undefined) {
    if (deps.transcribe.installed().length === 0) return { missing: 'no speech-to-text model is installed (Models tab)' };
    if (deps.projects.current()?.id !== source.data.id) return { missing: 'its project is not open, so no transcript could be made' };
    jobId = (await deps.transcribe.transcribeAsset({ assetId: audio.id })).jobId;
  }
  try {
    await awaitJob(deps, jobId, signal);
  } catch (error) {
    if (signal.aborted) throw error;
    return { missing: `the transcription failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const made = latestTranscript(deps, source, audio.id);
  return made ? { segments: await readTranscript(source, made) } : { missing: 'the transcription saved no transcript' };
}
