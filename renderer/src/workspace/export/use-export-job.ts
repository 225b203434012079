import { useCallback, useEffect, useState } from 'react';
import { ExportResultSchema, type ErrorShape, type ExportResolution, type ExportResult, type Job, type ProjectExportFormat } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';

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
    const stops = [
      api.events.on('job.progress', ({ job }) => {
        if (job.id === jobId) setState((s) => (s.phase === 'running' ? { phase: 'running', job } : s));
      }),
      api.events.on('job.done', ({ job }) => {
        if (job.id !== jobId) return;
        const parsed = ExportResultSchema.safeParse(job.result);
        setState(parsed.success ? { phase: 'done', result: parsed.data } : { phase: 'failed', error: { code: 'INTERNAL', message: 'The export finished without a file.' } });
      }),
      api.events.on('job.failed', ({ job, error }) => {
        if (job.id === jobId) setState(job.state === 'cancelled' ? { phase: 'cancelled' } : { phase: 'failed', error });
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [api, jobId]);

  const start = useCallback(
    async (format: ProjectExportFormat, resolution: ExportResolution) => {
      try {
        const { jobId: id } = await api.projects.export({ projectId, format, resolution });
        setState({
          phase: 'running',
          job: { id, kind: 'projects.export', title: `Export ${format.toUpperCase()}`, queue: 'export', state: 'queued', progress: null, createdAt: new Date().toISOString() },
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
