import { RotateCcw } from 'lucide-react';
import { useId } from 'react';
import { VOICE_LIMITS, type NeuralVoice, type RemoteModel, type VoiceList } from '../../../../preload/contract.js';
import type { VoiceSettings } from './use-voice-settings.js';
import { RemoteVoiceFields } from './remote-voice-fields.js';
import { activeEngine, chosenKokoro, chosenRemoteModel } from './voice-engine-choice.js';
import { KokoroVoiceFields } from './kokoro-voice-fields.js';
import { VoicePicker } from './voice-picker.js';

interface VoiceOptionsProps {
  list: VoiceList;
  /** Speech models of the remote engines (empty without any). */
  remoteVoices: readonly RemoteModel[];
  settings: VoiceSettings;
  onChange(patch: Partial<VoiceSettings>): void;
  /** A Kokoro voice was picked: narration (scenes, From a prompt) speaks with it from now on. */
  onNarrateWith?(model: string, voice: string): void;
}

const QUALITY_LABELS: Readonly<Record<string, string>> = { x_low: 'very light', low: 'light', medium: 'medium quality', high: 'high quality' };

function neuralExtra(voice: NeuralVoice): string | null {
  const parts = [
    voice.quality ? (QUALITY_LABELS[voice.quality] ?? voice.quality) : null,
    voice.speakers.length > 1 ? `${voice.speakers.length} speakers` : null,
  ];
  return parts.filter(Boolean).join(' · ') || null;
}

/** The stored speaker when this voice has it, else its first: a speaker number means nothing across voices. */
export function speakerOf(voice: NeuralVoice, stored: number): number {
  return voice.speakers.some((speaker) => speaker.id === stored) ? stored : (voice.speakers[0]?.id ?? 0);
}

function rateText(rate: number): string {
  return `${Number(rate.toFixed(2))}×`;
}

interface EnginePickerProps {
  list: VoiceList | null;
  /** What activeEngine says. */
  engine: VoiceSettings['engine'];
  /** Shown as a third choice only when a remote engine offers speech models. */
  remoteCount: number;
  onChange(patch: Partial<VoiceSettings>): void;
  onOpenModels(): void;
}

/** Built-in espeak, a natural Piper voice (waits for one from the Models tab), or a remote engine's speech model. */
export function EnginePicker({ list, engine, remoteCount, onChange, onOpenModels }: EnginePickerProps) {
  const installed = list?.neural.length ?? 0;
  const kokoroCount = list?.kokoro.length ?? 0;
  const piper = engine === 'piper';
  return (
    <div className="voice-engine">
      <div className="segmented" role="radiogroup" aria-label="Engine">
        <label className="segment" title="espeak-ng: about a hundred languages, built in">
          <input type="radio" name="voice-engine" value="espeak" checked={engine === 'espeak'} onChange={() => onChange({ engine: 'espeak' })} />
          Built-in
        </label>
        <label
          className="segment"
          title={installed > 0 ? 'Piper neural voices installed on this computer' : 'Needs a Piper voice: download one in the Models tab'}
        >
          <input type="radio" name="voice-engine" value="piper" checked={piper} disabled={installed === 0} onChange={() => onChange({ engine: 'piper' })} />
          Natural
        </label>
        <label
          className="segment"
          title={kokoroCount > 0 ? 'Kokoro neural voices installed on this computer' : 'Needs a Kokoro model: download Kokoro 82M in the Models tab'}
        >
          <input
            type="radio"
            name="voice-engine"
            value="kokoro"
            checked={engine === 'kokoro'}
            disabled={kokoroCount === 0}
            onChange={() => onChange({ engine: 'kokoro' })}
          />
          Kokoro
        </label>
        {remoteCount > 0 ? (
          <label className="segment" title="Speech models of your remote engines: the text is sent to that server">
            <input type="radio" name="voice-engine" value="remote" checked={engine === 'remote'} onChange={() => onChange({ engine: 'remote' })} />
            Remote
          </label>
        ) : null}
      </div>
      {list && installed === 0 && kokoroCount === 0 ? (
        <p className="inline-field-note">
          Natural voices: download a Piper voice or Kokoro in the{' '}
          <button type="button" className="link-button" onClick={onOpenModels}>
            Models tab
          </button>
          .
        </p>
      ) : null}
    </div>
  );
}

/** The voice, then how it speaks: variant or speaker, rate, and pitch for espeak. */
export function VoiceOptions({ list, remoteVoices, settings, onChange, onNarrateWith }: VoiceOptionsProps) {
  const ids = { variant: useId(), speaker: useId(), rate: useId(), pitch: useId() };
  const neural = list.neural;
  const engine = activeEngine(settings.engine, neural.length, remoteVoices.length, list.kokoro.length);
  const kokoro = engine === 'kokoro' ? chosenKokoro(list.kokoro, settings) : null;
  // Kokoro, like Piper, has no pitch or variant: only its voice and speed.
  const piper = engine === 'piper' || kokoro !== null;
  const remote = engine === 'remote' ? chosenRemoteModel(remoteVoices, settings.remoteModel) : null;
  const piperVoice = engine === 'piper' ? (neural.find((voice) => voice.id === settings.piperVoice) ?? neural[0]) : undefined;
  const females = list.variants.filter((variant) => variant.gender === 'female');
  const others = list.variants.filter((variant) => variant.gender !== 'female');

  return (
    <fieldset className="voice-options">
      <legend className="visually-hidden">Voice</legend>
      {remote ? (
        <RemoteVoiceFields models={remoteVoices} chosen={remote} settings={settings} onChange={onChange} />
      ) : kokoro ? (
        <KokoroVoiceFields
          models={list.kokoro}
          chosen={kokoro}
          onSelect={(model, voice) => {
            onChange({ kokoroModel: model, kokoroVoice: voice });
            onNarrateWith?.(model, voice);
          }}
        />
      ) : piper && piperVoice ? (
        <VoicePicker
          key="piper"
          voices={neural}
          selectedId={piperVoice.id}
          onSelect={(voice) => onChange({ piperVoice: voice.id, speaker: 0 })}
          extra={neuralExtra}
        />
      ) : (
        <VoicePicker key="espeak" voices={list.voices} selectedId={settings.espeakVoice} onSelect={(voice) => onChange({ espeakVoice: voice.id })} />
      )}

      <div className="voice-option-grid">
        {remote ? null : piper ? (
          piperVoice && piperVoice.speakers.length > 1 ? (
            <div className="field">
              <label className="field-label" htmlFor={ids.speaker}>
                Speaker
              </label>
              <select
                id={ids.speaker}
                className="select-input"
                value={speakerOf(piperVoice, settings.speaker)}
                onChange={(event) => onChange({ speaker: Number(event.target.value) })}
              >
                {piperVoice.speakers.map((speaker) => (
                  <option key={speaker.id} value={speaker.id}>
                    {speaker.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null
        ) : (
          <div className="field">
            <label className="field-label" htmlFor={ids.variant}>
              Variant
            </label>
            <select id={ids.variant} className="select-input" value={settings.variant} onChange={(event) => onChange({ variant: event.target.value })}>
              <option value="">The voice as it is</option>
              <optgroup label="Female">
                {females.map((variant) => (
                  <option key={variant.id} value={variant.id}>
                    {variant.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Male and other">
                {others.map((variant) => (
                  <option key={variant.id} value={variant.id}>
                    {variant.name}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
        )}

        <div className="field voice-slider">
          <span className="voice-slider-top">
            <label className="field-label" htmlFor={ids.rate}>
              Rate
            </label>
            <output className="voice-slider-value" htmlFor={ids.rate}>
              {rateText(settings.rate)}
            </output>
          </span>
          <input
            id={ids.rate}
            type="range"
            min={VOICE_LIMITS.rate.min}
            max={VOICE_LIMITS.rate.max}
            step={0.05}
            value={settings.rate}
            aria-valuetext={`${rateText(settings.rate)} normal speed`}
            onChange={(event) => onChange({ rate: Number(event.target.value) })}
          />
        </div>

        {piper || remote ? null : (
          <div className="field voice-slider">
            <span className="voice-slider-top">
              <label className="field-label" htmlFor={ids.pitch}>
                Pitch
              </label>
              <output className="voice-slider-value" htmlFor={ids.pitch}>
                {settings.pitch === VOICE_LIMITS.pitch.default ? 'normal' : settings.pitch}
              </output>
            </span>
            <input
              id={ids.pitch}
              type="range"
              min={VOICE_LIMITS.pitch.min}
              max={VOICE_LIMITS.pitch.max}
              step={1}
              value={settings.pitch}
              aria-valuetext={settings.pitch === VOICE_LIMITS.pitch.default ? 'normal (50)' : String(settings.pitch)}
              onChange={(event) => onChange({ pitch: Number(event.target.value) })}
            />
          </div>
        )}
      </div>
      {settings.rate !== VOICE_LIMITS.rate.default || settings.pitch !== VOICE_LIMITS.pitch.default ? (
        <button
          type="button"
          className="button button-ghost button-small voice-reset"
          onClick={() => onChange({ rate: VOICE_LIMITS.rate.default, pitch: VOICE_LIMITS.pitch.default })}
        >
          <RotateCcw aria-hidden="true" size={13} />
          Normal rate and pitch
        </button>
      ) : null}
    </fieldset>
  );
}
