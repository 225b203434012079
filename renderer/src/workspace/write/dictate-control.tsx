import { LoaderCircle, Mic, Square, X } from 'lucide-react';
import { useEffect, useRef, type RefObject } from 'react';
import { MOD } from '../../state/shortcuts.js';
import { LevelMeter } from '../voice/record/level-meter.js';
import { takeClock } from '../voice/record/take-clock.js';
import type { Dictation } from './use-dictation.js';
import '../../styles/record.css';

/** Hold to talk: not one of the editor's keys (Ctrl+S, Ctrl+Enter, Ctrl+Z) nor a browser's. */
const DICTATE_KEYS = `${MOD}+Shift+Space`;

function isDictateKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.code === 'Space';
}

/** The toolbar's Dictate button: press to listen, press again to insert the words. */
export function DictateButton({ dictation, disabled }: { dictation: Dictation; disabled: boolean }) {
  const { phase } = dictation;
  const listening = phase === 'listening';
  return (
    <button
      type="button"
      className={listening ? 'button button-small write-dictate is-recording' : 'button button-small write-dictate'}
      title={listening ? 'Stop and insert the words (Esc discards them)' : `Dictate at the cursor (or hold ${DICTATE_KEYS})`}
      aria-keyshortcuts="Control+Shift+Space"
      aria-pressed={listening}
      disabled={disabled || phase === 'asking' || phase === 'hearing'}
      // Mouse-down would take the focus, and the cursor the words go to, from the editor.
      onMouseDown={(event) => event.preventDefault()}
      onClick={listening ? dictation.stop : dictation.start}
    >
      {listening ? (
        <Square aria-hidden="true" size={13} />
      ) : phase === 'idle' ? (
        <Mic aria-hidden="true" size={14} />
      ) : (
        <LoaderCircle aria-hidden="true" size={14} className="spin" />
      )}
      {listening ? 'Stop' : 'Dictate'}
    </button>
  );
}

/**
 * What dictation is doing, under the toolbar: the level while it listens, how much has
 * been heard, or what went wrong. It also owns the keys: hold {DICTATE_KEYS} to talk
 * (released, the words go in), Esc cancels, both only while the Write tab is shown.
 */
export function DictateStatus({ dictation, scope, onOpenModels }: { dictation: Dictation; scope: RefObject<HTMLElement | null>; onOpenModels(): void }) {
  const { phase, start, stop, cancel } = dictation;
  const held = useRef(false);
  const releasedEarly = useRef(false);
  const shown = () => {
    const here = scope.current;
    return here !== null && here.closest('[hidden]') === null && document.querySelector('dialog[open]') === null;
  };

  useEffect(() => {
    const down = (event: KeyboardEvent) => {
      if (!shown()) return;
      if (isDictateKey(event)) {
        event.preventDefault();
        if (event.repeat || held.current) return;
        held.current = true;
        if (phase === 'idle') start();
      } else if (event.key === 'Escape' && phase !== 'idle' && !event.defaultPrevented) {
        event.preventDefault();
        held.current = false;
        cancel();
      }
    };
    const up = (event: KeyboardEvent) => {
      if (!held.current || (event.code !== 'Space' && event.key !== 'Control' && event.key !== 'Meta' && event.key !== 'Shift')) return;
      held.current = false;
      event.preventDefault();
      if (phase === 'listening') stop();
      else if (phase === 'asking') releasedEarly.current = true;
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  });

  // Let go while the microphone was still being asked for: the take ends as soon as it starts.
  useEffect(() => {
    if (phase === 'listening' && releasedEarly.current) {
      releasedEarly.current = false;
      stop();
    } else if (phase === 'idle') releasedEarly.current = false;
  }, [phase, stop]);

  if (phase === 'idle' && !dictation.problem) return null;
  const heard = dictation.heard;
  return (
    <div className="write-dictation" role="group" aria-label="Dictation">
      {phase === 'listening' ? (
        <>
          <LevelMeter progress={dictation.progress} label="Dictation level" />
          <span className="voice-time voice-record-time">
            <span className="visually-hidden">Heard </span>
            {takeClock(dictation.progress.seconds)}
          </span>
          <span className="inline-field-note" role="status">
            Listening… {held.current ? 'let go' : 'press Stop'} to insert the words; Esc discards them.
          </span>
        </>
      ) : phase === 'asking' ? (
        <span className="inline-field-note" role="status">
          Waiting for the microphone… allow it if you are asked.
        </span>
      ) : phase === 'hearing' ? (
        <>
          <span className="inline-field-note" role="status">
            Hearing the words{heard === null ? '…' : ` · ${Math.round(heard * 100)}%`} (Esc stops)
          </span>
          <button type="button" className="button button-small" onClick={cancel}>
            <X aria-hidden="true" size={13} />
            Stop
          </button>
        </>
      ) : dictation.problem ? (
        <div className="notice notice-error" role="alert">
          <p>
            {dictation.problem.message}
            {dictation.problem.needsModel ? (
              <>
                {' '}
                <button type="button" className="link-button" onClick={onOpenModels}>
                  Open Models
                </button>
              </>
            ) : null}
          </p>
          <button type="button" className="icon-button icon-button-small" aria-label="Dismiss the error" title="Dismiss" onClick={dictation.dismiss}>
            <X aria-hidden="true" size={14} />
          </button>
        </div>
      ) : null}
    </div>
  );
}
