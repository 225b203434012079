import { Sparkles } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { scriptProgress } from '../../../../../preload/story-script-progress.js';
import { isActive } from '../../../state/job-store.js';
import { useJob } from '../../../state/use-job-store.js';
import type { JobsState } from '../../../state/use-jobs.js';
import { JobProgress } from './job-progress.js';

const PROMPT_JOB_KIND = 'storyboard.fromPrompt';

interface PromptRunStatusProps {
  jobs: JobsState;
  /** Scenes on the storyboard now: none while the model is still writing them. */
  sceneCount: number;
  /** The run the creator just started here: it takes the focus once, so the keyboard lands on what Make made. */
  focusJobId: string | null;
}

/**
 * A prompt-to-storyboard run in progress: its overall progress (the text model
 * writing the scenes, then a picture and a narration per scene) with Cancel.
 * While the model writes, the scene titles appear as it finishes each; after
 * that the cards below fill in as each child job finishes.
 */
export function PromptRunStatus({ jobs, sceneCount, focusJobId }: PromptRunStatusProps) {
  const run = jobs.jobs.find((job) => job.kind === PROMPT_JOB_KIND && isActive(job));
  const streamed = useJob(run?.id)?.partial.text ?? '';
  const box = useRef<HTMLDivElement>(null);
  const focused = useRef<string | null>(null);

  useEffect(() => {
    if (!run || run.id !== focusJobId || focused.current === run.id) return;
    focused.current = run.id;
    box.current?.focus();
  }, [run, focusJobId]);

  if (!run) return null;
  const titles = sceneCount === 0 ? scriptProgress(streamed).sceneTitles : [];
  return (
    <div ref={box} className="prompt-run" role="status" aria-label="Storyboard from a prompt" tabIndex={-1}>
      <Sparkles aria-hidden="true" size={16} className="prompt-run-icon" />
      <div className="prompt-run-body">
        <p className="prompt-run-title">Making the storyboard from your prompt</p>
        <JobProgress job={run} label="Storyboard progress" fallback="Writing the scenes…" />
        {titles.length > 0 ? (
          <div className="prompt-run-written">
            <span className="prompt-run-count">{titles.length === 1 ? '1 scene so far:' : `${titles.length} scenes so far:`}</span>
            <ol className="prompt-run-scenes" aria-label="Scenes written so far">
              {titles.map((title, index) => (
                <li key={index}>
                  <span aria-hidden="true">{index + 1}. </span>
                  {title}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
      <button type="button" className="button button-small" onClick={() => void jobs.cancel(run)}>
        Cancel
      </button>
    </div>
  );
}
