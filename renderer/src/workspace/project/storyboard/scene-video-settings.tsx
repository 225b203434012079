import { Clapperboard } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { SCENE_DURATION_LIMITS, type Asset, type Scene, type SceneChanges, type SceneMotion, type SceneTransition } from '../../../../../preload/contract.js';
import { SceneFocusPoint } from './scene-focus-point.js';
import '../../../styles/scene-video.css';

const MOTION_LABELS: Record<SceneMotion, string> = {
  auto: 'Automatic',
  off: 'Still',
  'zoom-in': 'Zoom in',
  'zoom-out': 'Zoom out',
  'pan-left': 'Pan left',
  'pan-right': 'Pan right',
  'pan-up': 'Pan up',
  'pan-down': 'Pan down',
};

const TRANSITION_LABELS: Record<SceneTransition, string> = { 'cross-fade': 'Cross-fade', cut: 'Cut', 'fade-black': 'Fade through black' };

interface SceneVideoSettingsProps {
  scene: Scene;
  number: number;
  /** The scene's picture, whose focus point the section sets; undefined: none to set. */
  picture: Asset | undefined;
  save(changes: NonNullable<SceneChanges['video']>, action: string): void;
}

/** "Zoom in · Cut · 6 s": what the closed disclosure says, so the settings show without opening it. */
function summary(video: Scene['video'], first: boolean): string {
  const motion = MOTION_LABELS[video?.motion ?? 'auto'];
  const transition = first ? null : TRANSITION_LABELS[video?.transition ?? 'cross-fade'];
  const length = video?.durationSeconds === undefined ? 'length from narration' : `${video.durationSeconds} s`;
  return [`Motion: ${motion}`, transition, length, video?.focus ? 'focus set' : null].filter(Boolean).join(' · ');
}

/**
 * A scene's video settings in its card: motion on the picture, how it enters from the
 * scene before, and a fixed length on screen. Native controls in a disclosure, so the
 * keyboard reaches and changes each (Enter or Space opens it; Tab walks the fields).
 */
export function SceneVideoSettings({ scene, number, picture, save }: SceneVideoSettingsProps) {
  const ids = { motion: useId(), transition: useId(), length: useId(), hint: useId() };
  const first = number === 1;
  const stored = scene.video?.durationSeconds;
  const [length, setLength] = useState(stored === undefined ? '' : String(stored));
  useEffect(() => setLength(stored === undefined ? '' : String(stored)), [stored]);
  const parsed = length.trim() === '' ? null : Number(length);
  const valid = parsed === null || (Number.isFinite(parsed) && parsed >= SCENE_DURATION_LIMITS.min && parsed <= SCENE_DURATION_LIMITS.max);

  function commitLength() {
    if (!valid || parsed === (stored ?? null)) return;
    save({ durationSeconds: parsed }, parsed === null ? `let scene ${number} last as long as its narration` : `set the length of scene ${number}`);
  }

  return (
    <details className="scene-video">
      <summary className="scene-video-summary" aria-label={`Video settings of scene ${number}: ${summary(scene.video, first)}`}>
        <Clapperboard aria-hidden="true" size={14} className="scene-sound-icon" />
        <span className="scene-sound-label">Video</span>
        <span className="scene-video-current">{summary(scene.video, first)}</span>
      </summary>
      <div className="scene-video-fields">
        <div className="scene-video-field">
          <label htmlFor={ids.motion}>Motion</label>
          <select
            id={ids.motion}
            value={scene.video?.motion ?? 'auto'}
            onChange={(event) => save({ motion: event.target.value as SceneMotion }, `set the motion of scene ${number}`)}
          >
            {Object.entries(MOTION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="scene-video-field">
          <label htmlFor={ids.transition}>Enters with</label>
          <select
            id={ids.transition}
            value={scene.video?.transition ?? 'cross-fade'}
            disabled={first}
            title={first ? 'The first scene always starts plainly' : undefined}
            onChange={(event) => save({ transition: event.target.value as SceneTransition }, `set the transition into scene ${number}`)}
          >
            {Object.entries(TRANSITION_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="scene-video-field">
          <label htmlFor={ids.length}>Seconds on screen</label>
          <input
            id={ids.length}
            className="text-input scene-video-length"
            type="number"
            inputMode="decimal"
            min={SCENE_DURATION_LIMITS.min}
            max={SCENE_DURATION_LIMITS.max}
            step={0.5}
            placeholder="auto"
            value={length}
            aria-invalid={!valid || undefined}
            aria-describedby={ids.hint}
            onChange={(event) => setLength(event.target.value)}
            onBlur={commitLength}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                commitLength();
              }
            }}
          />
        </div>
        <p id={ids.hint} className={valid ? 'scene-video-hint' : 'scene-video-hint field-error'}>
          {valid
            ? 'Empty: as long as the narration, or 4 s without one.'
            : `Between ${SCENE_DURATION_LIMITS.min} and ${SCENE_DURATION_LIMITS.max} seconds, or empty for automatic.`}
        </p>
        <SceneFocusPoint number={number} picture={picture} focus={scene.video?.focus} save={(focus, action) => save({ focus }, action)} />
      </div>
    </details>
  );
}
