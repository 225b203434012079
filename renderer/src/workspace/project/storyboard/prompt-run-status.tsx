import { Sparkles } from 'lucide-react';
import { isActive } from '../../../state/job-store.js';
import type { JobsState } from '../../../state/use-jobs.js';
import { JobProgress } from './job-progress.js';

const PROMPT_JOB_KIND = 'storyboard.fromPrompt';

/**
 * A prompt-to-storyboard run in progress: its overall progress (the text model
 * writing the scenes, then a picture and a narration per scene) with Cancel.
 * Scenes fill in on the cards below as each child job finishes.
 */
export function PromptRunStatus({ jobs }: { jobs: JobsState }) {
  const run = jobs.jobs.find((job) => job.kind === PROMPT_JOB_KIND && isActive(job));
  if (!run) return null;
  return (
    <div className="prompt-run" role="status" aria-label="Storyboard from a prompt">
      <Sparkles aria-hidden="true" size={16} className="prompt-run-icon" />
      <div className="prompt-run-body">
        <p className="prompt-run-title">Making the storyboard from your prompt</p>
        <JobProgress job={run} label="Storyboard progress" fallback="Writing the scenes…" />
      </div>
      <button type="button" className="button button-small" onClick={() => void jobs.cancel(run)}>
        Cancel
      </button>
    </div>
  );
}
