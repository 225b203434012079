import { Dices, LoaderCircle, Music } from 'lucide-react';
import { useId, useState } from 'react';
import {
  AMBIENCE_PRESETS,
  MUSICAL_KEYS,
  SCALES,
  SFX_PRESETS,
  SOUND_LIMITS,
  type MusicalKey,
  type Scale,
  type SoundRequest,
} from '../../../../../preload/contract.js';
import { formatDuration } from '../../../format/duration.js';
import { parseInRange } from './number-field.js';
import { AMBIENCE_LOOKS, SFX_LOOKS } from './sound-presets.js';

interface EffectsPanelProps {
  /** False while no project is open: sounds are kept in a project. */
  enabled: boolean;
  busy: ReadonlySet<string>;
  onGenerate(request: SoundRequest, key: string): void;
  /** Left out where the tab shows its own "Play each new sound" box (the Voice tab's player). */
  autoplay?: boolean;
  onAutoplayChange?(value: boolean): void;
}

const SCALE_LABELS: Readonly<Record<Scale, string>> = { major: 'Major', minor: 'Minor', pentatonic: 'Pentatonic', dorian: 'Dorian' };
/** Randomize picks from a range that stays easy to read back and type in. */
const RANDOM_SEED_MAX = 999_999;

export function EffectsPanel({ enabled, busy, onGenerate, autoplay, onAutoplayChange }: EffectsPanelProps) {
  const ids = { heading: useId(), seed: useId(), seedHint: useId(), seconds: useId(), tempo: useId(), key: useId(), scale: useId(), bars: useId() };
  const [seedText, setSeedText] = useState('0');
  const [secondsText, setSecondsText] = useState(String(SOUND_LIMITS.ambienceSeconds.default));
  const [tempoText, setTempoText] = useState(String(SOUND_LIMITS.tempo.default));
  const [barsText, setBarsText] = useState(String(SOUND_LIMITS.bars.default));
  const [key, setKey] = useState<MusicalKey>('C');
  const [scale, setScale] = useState<Scale>('major');

  const seed = parseInRange(seedText, SOUND_LIMITS.seed.min, SOUND_LIMITS.seed.max, true);
  const seconds = parseInRange(secondsText, SOUND_LIMITS.ambienceSeconds.min, SOUND_LIMITS.ambienceSeconds.max, false);
  const tempo = parseInRange(tempoText, SOUND_LIMITS.tempo.min, SOUND_LIMITS.tempo.max, true);
  const bars = parseInRange(barsText, SOUND_LIMITS.bars.min, SOUND_LIMITS.bars.max, true);
  const loopSeconds = tempo !== null && bars !== null ? (bars * 4 * 60) / tempo : null;

  const randomize = () => setSeedText(String(1 + Math.floor(Math.random() * RANDOM_SEED_MAX)));

  return (
    <section className="sound-card" aria-labelledby={ids.heading}>
      <header className="sound-card-header">
        <div className="sound-card-heading">
          <h3 id={ids.heading} className="sound-card-title">
            Sound effects and music
          </h3>
          <p className="sound-card-subtitle">Synthesized on this computer, no model needed. A seed always makes the same sound.</p>
        </div>
        <div className="seed-control">
          <label className="seed-label" htmlFor={ids.seed}>
            Seed
          </label>
          <input
            id={ids.seed}
            className="text-input text-input-compact seed-input"
            type="number"
            inputMode="numeric"
            min={SOUND_LIMITS.seed.min}
            max={SOUND_LIMITS.seed.max}
            step={1}
            value={seedText}
            aria-invalid={seed === null || undefined}
            aria-describedby={ids.seedHint}
            onChange={(event) => setSeedText(event.target.value)}
          />
          <button type="button" className="button" onClick={randomize} title="Pick a random seed: a new variation of every preset">
            <Dices aria-hidden="true" size={15} />
            Randomize
          </button>
        </div>
      </header>
      <p id={ids.seedHint} className={seed === null ? 'field-error sound-seed-hint' : 'sound-seed-hint'}>
        {seed === null
          ? `The seed is a whole number from 0 to ${SOUND_LIMITS.seed.max.toLocaleString()}.`
          : seed === 0
            ? 'Seed 0 plays each preset as designed; any other seed is a variation of it.'
            : `Seed ${seed}: a variation of each preset. Seed 0 plays them as designed.`}
      </p>

      <ul className="preset-grid" aria-label="Effects">
        {SFX_PRESETS.map((preset) => {
          const look = SFX_LOOKS[preset];
          const Icon = look.icon;
          const key = `sfx:${preset}`;
          const working = busy.has(key);
          return (
            <li key={preset}>
              <button
                type="button"
                className="preset-tile"
                aria-label={`Generate ${look.label.toLowerCase()} sound`}
                aria-busy={working || undefined}
                disabled={!enabled || seed === null}
                onClick={() => seed !== null && onGenerate({ kind: 'sfx', preset, seed }, key)}
              >
                <span className="preset-icon">
                  {working ? <LoaderCircle aria-hidden="true" size={18} className="spin" /> : <Icon aria-hidden="true" size={18} strokeWidth={1.75} />}
                </span>
                <span className="preset-text">
                  <span className="preset-name">{look.label}</span>
                  <span className="preset-caption">{look.caption}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>

      <div className="sound-card-split">
        <fieldset className="sound-group">
          <legend className="sound-group-title">Ambience</legend>
          <ul className="ambience-list" aria-label="Ambience">
            {AMBIENCE_PRESETS.map((preset) => {
              const look = AMBIENCE_LOOKS[preset];
              const Icon = look.icon;
              const key = `ambience:${preset}`;
              const working = busy.has(key);
              return (
                <li key={preset}>
                  <button
                    type="button"
                    className="preset-tile preset-tile-row"
                    aria-label={`Generate ${look.label.toLowerCase()} ambience`}
                    aria-busy={working || undefined}
                    disabled={!enabled || seed === null || seconds === null}
                    onClick={() => seed !== null && seconds !== null && onGenerate({ kind: 'ambience', preset, seconds, seed }, key)}
                  >
                    <span className="preset-icon">
                      {working ? <LoaderCircle aria-hidden="true" size={18} className="spin" /> : <Icon aria-hidden="true" size={18} strokeWidth={1.75} />}
                    </span>
                    <span className="preset-text">
                      <span className="preset-name">{look.label}</span>
                      <span className="preset-caption">{look.caption}</span>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          <div className="inline-field">
            <label className="field-label" htmlFor={ids.seconds}>
              Length
            </label>
            <span className="input-with-unit">
              <input
                id={ids.seconds}
                className="text-input text-input-compact"
                type="number"
                inputMode="decimal"
                min={SOUND_LIMITS.ambienceSeconds.min}
                max={SOUND_LIMITS.ambienceSeconds.max}
                step={1}
                value={secondsText}
                aria-invalid={seconds === null || undefined}
                onChange={(event) => setSecondsText(event.target.value)}
              />
              <span className="input-unit" aria-hidden="true">
                s
              </span>
            </span>
            <span className={seconds === null ? 'field-error inline-field-note' : 'inline-field-note'}>
              {seconds === null ? `From ${SOUND_LIMITS.ambienceSeconds.min} to ${SOUND_LIMITS.ambienceSeconds.max} seconds` : 'Up to 10 minutes'}
            </span>
          </div>
        </fieldset>

        <fieldset className="sound-group">
          <legend className="sound-group-title">Music loop</legend>
          <div className="loop-fields">
            <div className="field">
              <label className="field-label" htmlFor={ids.tempo}>
                Tempo (BPM)
              </label>
              <input
                id={ids.tempo}
                className="text-input text-input-compact"
                type="number"
                inputMode="numeric"
                min={SOUND_LIMITS.tempo.min}
                max={SOUND_LIMITS.tempo.max}
                step={1}
                value={tempoText}
                aria-invalid={tempo === null || undefined}
                onChange={(event) => setTempoText(event.target.value)}
              />
            </div>
            <div className="field">
              <label className="field-label" htmlFor={ids.key}>
                Key
              </label>
              <select id={ids.key} className="select-input" value={key} onChange={(event) => setKey(event.target.value as MusicalKey)}>
                {MUSICAL_KEYS.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={ids.scale}>
                Scale
              </label>
              <select id={ids.scale} className="select-input" value={scale} onChange={(event) => setScale(event.target.value as Scale)}>
                {SCALES.map((name) => (
                  <option key={name} value={name}>
                    {SCALE_LABELS[name]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={ids.bars}>
                Bars
              </label>
              <input
                id={ids.bars}
                className="text-input text-input-compact"
                type="number"
                inputMode="numeric"
                min={SOUND_LIMITS.bars.min}
                max={SOUND_LIMITS.bars.max}
                step={1}
                value={barsText}
                aria-invalid={bars === null || undefined}
                onChange={(event) => setBarsText(event.target.value)}
              />
            </div>
          </div>
          <div className="loop-actions">
            <button
              type="button"
              className="button button-primary"
              aria-busy={busy.has('loop') || undefined}
              disabled={!enabled || seed === null || tempo === null || bars === null}
              onClick={() => seed !== null && tempo !== null && bars !== null && onGenerate({ kind: 'loop', tempo, key, scale, bars, seed }, 'loop')}
            >
              {busy.has('loop') ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Music aria-hidden="true" size={15} />}
              Generate loop
            </button>
            <span className={loopSeconds === null ? 'field-error inline-field-note' : 'inline-field-note'}>
              {loopSeconds === null
                ? `Tempo ${SOUND_LIMITS.tempo.min}–${SOUND_LIMITS.tempo.max}, bars ${SOUND_LIMITS.bars.min}–${SOUND_LIMITS.bars.max}`
                : `${formatDuration(loopSeconds)} in 4/4: melody, bass and a light beat`}
            </span>
          </div>
        </fieldset>
      </div>

      <footer className="sound-card-footer">
        {onAutoplayChange ? (
          <label className="checkbox">
            <input type="checkbox" checked={autoplay ?? true} onChange={(event) => onAutoplayChange(event.target.checked)} />
            <span>Play each new sound</span>
          </label>
        ) : null}
        <span className="sound-card-note">Rendering shows in Jobs; long ambience can be stopped there.</span>
      </footer>
    </section>
  );
}
