import { useCallback, useEffect, useState } from 'react';
import {
  ExportResultSchema,
  type ErrorShape,
  type ExportResolution,
  type ExportResult,
  type Job,
  type ProjectExportFormat,
} from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'running'; job: Job }
  | { phase: 'done'; result: ExportResult }
  | { phase: 'failed'; error: ErrorShape }
  | { phase: 'cancelled' };

/** One export at a time from this control: start it, follow its job events, stop it. */
export function useExportJob(projectId: string) {
  const { api } = useClient();
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const jobId = state.phase === 'running' ? state.job.id : null;

  useEffect(() => {
    if (!jobId) return;
    let live = true;
    const settle = (job: Job, error?: ErrorShape) => {
      if (!live || job.id !== jobId) return;
      if (job.state === 'done') {
        const parsed = ExportResultSchema.safeParse(job.result);
        setState(
          parsed.success
            ? { phase: 'done', result: parsed.data }
            : { phase: 'failed', error: { code: 'INTERNAL', message: 'The export finished without a file.' } },
        );
      } else if (job.state === 'cancelled') setState({ phase: 'cancelled' });
      else if (job.state === 'failed' || error)
        setState({ phase: 'failed', error: error ?? job.error ?? { code: 'INTERNAL', message: `${job.title} failed.` } });
    };
    const stops = [
      api.events.on('job.progress', ({ job }) => {
        if (job.id === jobId) setState((s) => (s.phase === 'running' ? { phase: 'running', job } : s));
      }),
      api.events.on('job.done', ({ job }) => settle(job)),
      api.events.on('job.failed', ({ job, error }) => settle(job, error)),
    ];
    // A quick export (HTML, Markdown) can finish before this effect subscribes: ask once for where it stands.
    api.jobs.list({}).then(
      (jobs) => {
        const job = jobs.find((j) => j.id === jobId);
        if (job) settle(job);
      },
      () => undefined,
    );
    return () => {
      live = false;
      stops.forEach((stop) => stop());
    };
  }, [api, jobId]);

  const start = useCallback(
    async (format: ProjectExportFormat, resolution: ExportResolution) => {
      try {
        const { jobId: id } = await api.projects.export({ projectId, format, resolution });
        setState({
          phase: 'running',
          job: {
            id,
            kind: 'projects.export',
            title: `Export ${format.toUpperCase()}`,
            queue: 'export',
            state: 'queued',
            progress: null,
            createdAt: new Date().toISOString(),
          },
        });
      } catch (error) {
        const shape = error as Partial<ErrorShape>;
        setState({ phase: 'failed', error: { code: shape.code ?? 'INTERNAL', message: shape.message ?? String(error) } });
      }
    },
    [api, projectId],
  );

  const stop = useCallback(async () => {
    if (jobId) await api.jobs.cancel({ id: jobId });
  }, [api, jobId]);

  return { state, start, stop, reset: () => setState({ phase: 'idle' }) };
}
