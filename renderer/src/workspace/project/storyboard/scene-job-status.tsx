import { CircleX, Square, X } from 'lucide-react';
import { hintFor } from '../../../format/error-hints.js';
import { JobProgress } from './job-progress.js';
import type { SceneJob } from './use-scene-jobs.js';
import type { PictureRun } from './use-scene-picture-jobs.js';

const RUNNING = {
  write: 'Writing',
  illustrate: 'Illustrating',
  narrate: 'Narrating',
  upscale: 'Upscaling the picture of',
  repaint: 'Repainting the picture of',
  extend: 'Extending the picture of',
} as const;
const FAILED = { write: 'Write', illustrate: 'Illustrate', narrate: 'Narrate', upscale: 'Upscale', repaint: 'Repaint', extend: 'Extend' } as const;

interface SceneJobStatusProps {
  number: number;
  run: SceneJob | PictureRun;
  onStop(): void;
  onDismiss(): void;
  onOpenModels(): void;
}

/** The running action of one card: progress, the words so far (Write), Stop; or why it failed. */
export function SceneJobStatus({ number, run, onStop, onDismiss, onOpenModels }: SceneJobStatusProps) {
  if (run.error) {
    const modelProblem = run.error.code.startsWith('MODEL_') || run.error.code === 'ENGINE_UNAVAILABLE';
    return (
      <div className="notice notice-error scene-job" role="alert">
        <CircleX aria-hidden="true" size={16} />
        <p>
          <strong>{FAILED[run.action]} failed.</strong> {run.error.message} {hintFor(run.error.code)}
          {modelProblem ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={onOpenModels}>
                Open Models
              </button>
            </>
          ) : null}
        </p>
        <button type="button" className="icon-button icon-button-small" aria-label="Dismiss" onClick={onDismiss}>
          <X aria-hidden="true" size={14} />
        </button>
      </div>
    );
  }
  return (
    <div className="scene-job" role="status" aria-label={`${RUNNING[run.action]} scene ${number}`}>
      <div className="scene-job-row">
        <JobProgress job={run.job} label={`${RUNNING[run.action]} scene ${number}`} fallback={`${FAILED[run.action].replace(/e?$/, 'ing')}…`} />
        <button type="button" className="button button-small" onClick={onStop}>
          <Square aria-hidden="true" size={12} />
          Stop
        </button>
      </div>
      {run.action === 'write' && 'partialText' in run && run.partialText ? <p className="scene-job-partial">{run.partialText}</p> : null}
    </div>
  );
}
