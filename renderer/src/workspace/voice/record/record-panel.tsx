import { Circle, LoaderCircle, Square, X } from 'lucide-react';
import { useEffect, useId, useRef } from 'react';
import type { Asset } from '../../../../../preload/contract.js';
import { formatDuration } from '../../../format/duration.js';
import { LevelMeter } from './level-meter.js';
import { takeClock } from './take-clock.js';
import { UseAsNarration } from './use-as-narration.js';
import { useRecorder } from './use-recorder.js';
import '../../../styles/record.css';

interface RecordPanelProps {
  enabled: boolean;
  onMade(asset: Asset): void;
}

/** Record your own voice into a clip: one button that starts and stops, a level meter, Cancel. */
export function RecordPanel({ enabled, onMade }: RecordPanelProps) {
  const ids = { heading: useId(), note: useId() };
  const recorder = useRecorder(onMade);
  const { phase, progress, problem, kept } = recorder;
  const section = useRef<HTMLElement>(null);
  const live = phase === 'asking' || phase === 'recording';

  // Esc stops a take from anywhere on the visible tab (Stop keeps it; Cancel discards it).
  const { stop, cancel } = recorder;
  useEffect(() => {
    if (!live) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const here = section.current;
      if (!here || here.closest('[hidden]')) return;
      event.preventDefault();
      if (phase === 'recording') stop();
      else cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [live, phase, stop, cancel]);

  const note = !enabled
    ? 'Open or create a project first: takes are kept in it.'
    : phase === 'asking'
      ? 'Waiting for the microphone… allow it if you are asked.'
      : phase === 'recording'
        ? 'Recording. Stop (or Esc) keeps the take; Cancel discards it.'
        : phase === 'saving'
          ? 'Keeping the take…'
          : kept
            ? `Kept ${formatDuration((kept.asset.origin.durationMs ?? 0) / 1000)} as “${kept.asset.name}”${kept.trimmedSeconds > 0 ? `, ${formatDuration(kept.trimmedSeconds)} of silence trimmed` : ''}.`
            : 'Record your own narration from the microphone into a clip; silence at either end is trimmed.';

  return (
    <section ref={section} className="sound-card voice-record" aria-labelledby={ids.heading}>
      <header className="sound-card-header sound-card-header-tight">
        <h3 id={ids.heading} className="sound-card-title">
          Record
        </h3>
      </header>
      <div className="voice-record-body">
        <button
          type="button"
          className={phase === 'recording' ? 'button voice-record-button is-recording' : 'button button-primary voice-record-button'}
          disabled={!enabled || phase === 'saving' || phase === 'asking'}
          aria-describedby={ids.note}
          aria-keyshortcuts={phase === 'recording' ? 'Escape' : undefined}
          onClick={phase === 'recording' ? stop : recorder.start}
        >
          {phase === 'recording' ? (
            <Square aria-hidden="true" size={14} />
          ) : phase === 'saving' || phase === 'asking' ? (
            <LoaderCircle aria-hidden="true" size={15} className="spin" />
          ) : (
            <Circle aria-hidden="true" size={14} className="voice-record-dot" />
          )}
          {phase === 'recording' ? 'Stop' : 'Record'}
        </button>
        {phase === 'recording' ? (
          <>
            <LevelMeter progress={progress} />
            <span className="voice-time voice-record-time">
              <span className="visually-hidden">Recorded </span>
              {takeClock(progress.seconds)}
            </span>
          </>
        ) : null}
        {live ? (
          <button type="button" className="button" onClick={cancel}>
            <X aria-hidden="true" size={14} />
            Cancel
          </button>
        ) : null}
      </div>
      <p id={ids.note} className="inline-field-note" role="status">
        {note}
      </p>
      {kept && phase === 'idle' ? <UseAsNarration asset={kept.asset} /> : null}
      {problem ? (
        <div className="notice notice-error" role="alert">
          <p>
            {problem.message}
            {problem.untrimmedRef ? (
              <>
                {' '}
                <button type="button" className="link-button" onClick={recorder.keepUntrimmed}>
                  Keep it untrimmed
                </button>
              </>
            ) : null}
          </p>
          <button type="button" className="icon-button icon-button-small" aria-label="Dismiss the error" title="Dismiss" onClick={recorder.dismiss}>
            <X aria-hidden="true" size={14} />
          </button>
        </div>
      ) : null}
    </section>
  );
}
