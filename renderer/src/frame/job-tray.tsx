import { Ban, ChevronDown, ChevronUp, CircleCheck, CircleX, Clock, LoaderCircle, X } from 'lucide-react';
import { useId, useState } from 'react';
import type { Job } from '../../../preload/contract.js';
import { formatTime } from '../format/dates.js';
import { hintFor } from '../format/error-hints.js';
import { formatEta } from '../format/eta.js';
import { isActive } from '../state/job-store.js';
import type { JobsState } from '../state/use-jobs.js';
import { finishedDetail, progressDetail } from './job-facts.js';

/** Enough to see what just happened without the tray taking over the screen. */
const FINISHED_SHOWN = 4;

function byRecency(a: Job, b: Job): number {
  return (b.finishedAt ?? b.createdAt).localeCompare(a.finishedAt ?? a.createdAt);
}

/**
 * The jobs at the foot of the window. Running and queued jobs show as rows; finished ones
 * fold into the one-line summary (the tray is one line when idle) and show on demand;
 * "Clear finished" empties that list for this window.
 */
export function JobTray({ jobs, cancel }: JobsState) {
  const listId = useId();
  const [expanded, setExpanded] = useState(false);
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set());
  const active = jobs.filter(isActive).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const allFinished = jobs.filter((job) => !isActive(job) && !cleared.has(job.id)).sort(byRecency);
  const finished = expanded ? allFinished.slice(0, FINISHED_SHOWN) : [];
  const running = active.filter((job) => job.state === 'running').length;
  const queued = active.length - running;
  const failed = allFinished.filter((job) => job.state === 'failed').length;
  const latest = allFinished[0];

  const summary =
    active.length > 0
      ? [running ? `${running} running` : null, queued ? `${queued} queued` : null].filter(Boolean).join(' · ')
      : latest
        ? `All done · last: ${latest.title}${latest.finishedAt ? `, ${formatTime(latest.finishedAt)}` : ''}${failed ? ` · ${failed} failed` : ''}`
        : 'Nothing running. Imports, generations and exports show their progress here.';

  return (
    <section className="job-tray" aria-label="Jobs" data-expanded={expanded || undefined}>
      <div className="job-tray-summary">
        <h2 className="job-tray-title">Jobs</h2>
        <p className="job-tray-counts" title={summary}>
          {summary}
        </p>
        {allFinished.length > 0 || expanded ? (
          <>
            <button
              type="button"
              className="button button-small button-ghost"
              aria-label="Show finished jobs"
              aria-expanded={expanded}
              aria-controls={listId}
              onClick={() => setExpanded((value) => !value)}
            >
              {expanded ? <ChevronDown aria-hidden="true" size={14} /> : <ChevronUp aria-hidden="true" size={14} />}
              {expanded ? 'Hide finished' : `Finished (${allFinished.length})`}
            </button>
            <button
              type="button"
              className="button button-small button-ghost"
              disabled={allFinished.length === 0}
              onClick={() => {
                setCleared((current) => new Set([...current, ...allFinished.map((job) => job.id)]));
                setExpanded(false);
              }}
            >
              Clear finished
            </button>
          </>
        ) : null}
      </div>
      {active.length + finished.length > 0 ? (
        <ul className="job-list" id={listId}>
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
  const facts = [progressDetail(job.detail, percent !== null), job.etaSeconds !== undefined ? formatEta(job.etaSeconds) : null].filter(Boolean);
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
    const hint = hintFor(job.error?.code, job.error?.message);
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
        {!cancelled && finishedDetail(job.detail) ? ` · ${finishedDetail(job.detail)}` : ''}
      </span>
      {when ? <span className="job-when">{when}</span> : null}
    </li>
  );
}
