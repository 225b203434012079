import { RECORDING_LIMITS } from '../../../preload/schemas/recording.js';
import type { DictationRequest, DictationResult } from '../../../preload/schemas/transcribe.js';
import { AtelierError } from '../../../preload/errors.js';
import type { FileRefs } from '../files/file-refs.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { TranscribeService } from './transcribe-service.js';

/** A dictated take may be as long as a recorded one: 16-bit mono at the highest capture rate, plus a header. */
const MAX_BYTES = RECORDING_LIMITS.maxSeconds * RECORDING_LIMITS.sampleRate.max * 2 + 4096;

/**
 * `transcribe.dictation`: the Write tab's take heard by the active Whisper model, on
 * Whisper's queue, its words the job's result. No project is needed and nothing is kept:
 * the take's file ref is released (an upload's copy deleted) however the job ends, and
 * also when the call is refused (no model, too long), so a refused take leaves nothing.
 */
export async function submitDictation(
  deps: { jobs: JobManager; fileRefs: FileRefs; transcribe: TranscribeService },
  request: DictationRequest,
): Promise<{ jobId: string }> {
  let model;
  let source;
  try {
    source = deps.fileRefs.resolve(request.fileRef);
    if (source.size > MAX_BYTES) throw new AtelierError('TOO_LARGE', `A dictation may last at most ${RECORDING_LIMITS.maxSeconds / 60} minutes.`);
    model = deps.transcribe.requireModel();
  } catch (error) {
    await deps.fileRefs.release(request.fileRef);
    throw error;
  }
  const take = source.path;
  const job = deps.jobs.submit<DictationResult>({
    kind: 'transcribe.dictation',
    title: 'Dictation',
    queue: deps.transcribe.queue,
    run: async (context) => {
      try {
        const transcript = await deps.transcribe.transcribe(
          take,
          { model, ...(request.language && { language: request.language }) },
          context.signal,
          context.progress,
        );
        const text = transcript.segments
          .map((segment) => segment.text.trim())
          .filter(Boolean)
          .join(' ');
        context.progress({ fraction: 1, detail: `${transcript.duration.toFixed(1)} s heard` });
        return { text, seconds: transcript.duration };
      } finally {
        await deps.fileRefs.release(request.fileRef);
      }
    },
  });
  // Cancelled while still queued, the job never runs: the take goes when it settles instead.
  void deps.jobs.settled(job.id).then(() => deps.fileRefs.release(request.fileRef));
  return { jobId: job.id };
}
