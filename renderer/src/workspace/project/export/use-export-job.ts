import { useCallback, useState } from 'react';
import { type ErrorShape, type ExportRequest, type ExportResult, type Job } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { resultOf } from '../../../state/job-store.js';
import { useJob, useJobSettled } from '../../../state/use-job-store.js';

type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; job: Job }
  | { phase: 'done'; result: ExportResult }
  | { phase: 'failed'; error: ErrorShape }
  | { phase: 'cancelled' };

type Phase = { phase: 'idle' } | { phase: 'running'; jobId: string; title: string } | Exclude<ExportState, { phase: 'idle' | 'running' }>;

/** One export at a time from this control: start it, follow its job in the store, stop it. */
export function useExportJob(projectId: string) {
  const { api } = useClient();
  const whenSettled = useJobSettled();
  const [phase, setPhase] = useState<Phase>({ phase: 'idle' });
  const jobId = phase.phase === 'running' ? phase.jobId : null;
  const live = useJob(jobId)?.job;

  const start = useCallback(
    async (request: Omit<ExportRequest, 'projectId'>) => {
      try {
        const { jobId: id } = await api.projects.export({ ...request, projectId });
        setPhase({ phase: 'running', jobId: id, title: `Export ${request.format.toUpperCase()}` });
        // A quick export (HTML, Markdown) can be over before the call answers: the store has kept its end.
        whenSettled(id, (job) => {
          const result = resultOf(job, 'projects.export');
          const end: Phase = result
            ? { phase: 'done', result }
            : job.state === 'cancelled'
              ? { phase: 'cancelled' }
              : { phase: 'failed', error: job.error ?? { code: 'INTERNAL', message: `${job.title} failed.` } };
          // Only the export this control still shows: a reset meanwhile has moved on.
          setPhase((current) => (current.phase === 'running' && current.jobId === id ? end : current));
        });
      } catch (error) {
        const shape = error as Partial<ErrorShape>;
        // The save dialog was dismissed: nothing started, so there is nothing to report.
        if (shape.code === 'CANCELLED') return setPhase({ phase: 'idle' });
        setPhase({ phase: 'failed', error: { code: shape.code ?? 'INTERNAL', message: shape.message ?? String(error) } });
      }
    },
    [api, projectId, whenSettled],
  );

  const stop = useCallback(async () => {
    if (jobId) await api.jobs.cancel({ id: jobId });
  }, [api, jobId]);

  const state: ExportState = phase.phase === 'running' ? { phase: 'running', job: live ?? placeholder(phase.jobId, phase.title) } : phase;
  return { state, start, stop, reset: () => setPhase({ phase: 'idle' }) };
}

/** What the dialog shows between the call's answer and the store's first word of the job. */
function placeholder(id: string, title: string): Job {
  return { id, kind: 'projects.export', title, queue: 'export', state: 'queued', progress: null, createdAt: new Date().toISOString() };
}
