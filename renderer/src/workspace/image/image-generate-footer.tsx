import { LoaderCircle, Sparkles, Square } from 'lucide-react';
import { useId } from 'react';
import type { ImageJobs } from './use-image-jobs.js';

interface ImageGenerateFooterProps {
  /** Why Generate cannot run, shown as an error once a project is open (before that, the notice above says it). */
  problem: string | null;
  hasProject: boolean;
  /** The line shown when nothing is wrong. */
  note: string;
  jobs: ImageJobs;
  onGenerate(): void;
  onOpenModels(): void;
}

/** Generate and Stop with the line that says why Generate is off, and the last run's failure below. */
export function ImageGenerateFooter({ problem, hasProject, note, jobs, onGenerate, onOpenModels }: ImageGenerateFooterProps) {
  const hintId = useId();
  const { generating, error } = jobs;
  return (
    <>
      <footer className="image-form-footer">
        <p id={hintId} className={problem && hasProject ? 'field-error' : 'inline-field-note'}>
          {problem ?? note}
        </p>
        {generating ? (
          <button type="button" className="button" onClick={() => void jobs.stop()} aria-keyshortcuts="Escape">
            <Square aria-hidden="true" size={14} />
            Stop
          </button>
        ) : null}
        <button
          type="button"
          className="button button-primary"
          disabled={problem !== null || generating !== null}
          aria-describedby={hintId}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onClick={onGenerate}
        >
          {generating ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Sparkles aria-hidden="true" size={15} />}
          Generate
        </button>
      </footer>
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>
            {error.message}
            {error.code === 'MODEL_NOT_FOUND' ? (
              <>
                {' '}
                <button type="button" className="link-button" onClick={onOpenModels}>
                  Open Models
                </button>
              </>
            ) : null}
          </p>
        </div>
      ) : null}
    </>
  );
}
