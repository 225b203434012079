import { Ban, CircleCheck, CircleX, Clock, LoaderCircle, X } from 'lucide-react';
import type { Job } from '../../../preload/contract.js';
import { formatTime } from '../format/dates.js';
import { hintFor } from '../format/error-hints.js';
import { formatEta } from '../format/eta.js';
import { isActive } from '../state/job-store.js';
import type { JobsState } from '../state/use-jobs.js';

/** Enough to see what just happened without the tray taking over the screen. */
const FINISHED_SHOWN = 4;

function byRecency(a: Job, b: Job): number {
  return (b.finishedAt ?? b.createdAt).localeCompare(a.finishedAt ?? a.createdAt);
}

export function JobTray({ jobs, cancel }: JobsState) {
  const active = jobs.filter(isActive).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const finished = jobs
    .filter((job) => !isActive(job))
    .sort(byRecency)
    .slice(0, FINISHED_SHOWN);
  const running = active.filter((job) => job.state === 'running').length;
  const queued = active.length - running;

  return (
    <section className="job-tray" aria-label="Jobs">
      <div className="job-tray-summary">
        <h2 className="job-tray-title">Jobs</h2>
        <p className="job-tray-counts">
          {active.length === 0
            ? finished.length === 0
              ? 'Nothing running. Imports, generations and exports show their progress here.'
              : 'All done'
            : [running ? `${running} running` : null, queued ? `${queued} queued` : null].filter(Boolean).join(' · ')}
        </p>
      </div>
      {active.length + finished.length > 0 ? (
        <ul className="job-list">
          {active.map((job) => (
            <ActiveJob key={job.id} job={job} onCancel={() => void cancel(job)} />
          ))}
          {finished.map((job) => (
            <FinishedJob key={job.id} job={job} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ActiveJob({ job, onCancel }: { job: Job; onCancel(): void }) {
  const percent = job.progress === null ? null : Math.round(job.progress * 100);
  const facts = [job.detail, job.etaSeconds !== undefined ? formatEta(job.etaSeconds) : null].filter(Boolean);
  return (
    <li className={`job job-active${job.parentId ? ' job-child' : ''}`} data-state={job.state}>
      <span className="job-icon">
        {job.state === 'queued' ? <Clock aria-hidden="true" size={15} /> : <LoaderCircle aria-hidden="true" size={15} className="spin" />}
      </span>
      <span className="job-title">{job.title}</span>
      <div
        className="progress"
        role="progressbar"
        aria-label={`Progress of ${job.title}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? (job.state === 'queued' ? 'Waiting to start' : 'Working') : `${percent}%`}
        data-indeterminate={(percent === null && job.state === 'running') || undefined}
      >
        {/* A queued job has an empty track: nothing is happening yet, so nothing moves. */}
        {percent === null && job.state === 'queued' ? null : <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />}
      </div>
      <span className="job-facts">
        {job.state === 'queued' ? 'Queued' : percent === null ? '' : `${percent}%`}
        {facts.length ? ` · ${facts.join(' · ')}` : ''}
      </span>
      <button type="button" className="icon-button icon-button-small" aria-label={`Cancel ${job.title}`} onClick={onCancel}>
        <X aria-hidden="true" size={14} />
      </button>
    </li>
  );
}

function FinishedJob({ job }: { job: Job }) {
  const when = job.finishedAt ? formatTime(job.finishedAt) : null;
  if (job.state === 'failed') {
    const hint = hintFor(job.error?.code);
    return (
      <li className={`job job-finished job-failed${job.parentId ? ' job-child' : ''}`} data-state="failed">
        <span className="job-icon">
          <CircleX aria-hidden="true" size={15} />
        </span>
        <span className="job-title">{job.title}</span>
        <span className="job-error">
          <span className="job-error-message">Failed: {job.error?.message ?? 'no reason was given.'}</span>
          {hint ? <span className="job-error-hint">{hint}</span> : null}
        </span>
        {when ? <span className="job-when">{when}</span> : null}
      </li>
    );
  }
  const cancelled = job.state === 'cancelled';
  return (
    <li className={`job job-finished${job.parentId ? ' job-child' : ''}`} data-state={job.state}>
      <span className="job-icon">{cancelled ? <Ban aria-hidden="true" size={15} /> : <CircleCheck aria-hidden="true" size={15} />}</span>
      <span className="job-title">{job.title}</span>
      <span className="job-facts">
        {cancelled ? 'Cancelled' : 'Done'}
        {!cancelled && job.detail ? ` · ${job.detail}` : ''}
      </span>
      {when ? <span className="job-when">{when}</span> : null}
    </li>
  );
}
