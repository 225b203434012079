import type { Job } from '../../../../../preload/contract.js';

/** A job's bar and its one-line detail, as the tray shows it, where the creator is looking. */
export function JobProgress({ job, label, fallback }: { job: Job | undefined; label: string; fallback: string }) {
  const percent = job?.progress === null || job?.progress === undefined ? null : Math.round(job.progress * 100);
  return (
    <div className="storyboard-progress">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        data-indeterminate={percent === null || undefined}
      >
        <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
      </div>
      <span className="storyboard-progress-text">
        {job?.state === 'queued' ? 'Waiting for the engine…' : (job?.detail ?? fallback)}
        {percent !== null ? ` · ${percent}%` : ''}
      </span>
    </div>
  );
}
