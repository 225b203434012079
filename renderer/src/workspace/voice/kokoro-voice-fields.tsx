import { useId } from 'react';
import type { KokoroModelVoices, KokoroVoice } from '../../../../preload/contract.js';
import { VoicePicker } from './voice-picker.js';

interface KokoroVoiceFieldsProps {
  models: readonly KokoroModelVoices[];
  chosen: { model: KokoroModelVoices; voice: KokoroVoice };
  onSelect(model: string, voice: string): void;
}

function genderWord(voice: KokoroVoice): string | null {
  return voice.gender === 'unknown' ? null : voice.gender;
}

/** Kokoro's voices, searchable by language ("British", "fr") and gender ("female"); a model choice when several are installed. */
export function KokoroVoiceFields({ models, chosen, onSelect }: KokoroVoiceFieldsProps) {
  const modelId = useId();
  return (
    <>
      {models.length > 1 ? (
        <div className="field">
          <label className="field-label" htmlFor={modelId}>
            Kokoro model
          </label>
          <select
            id={modelId}
            className="select-input"
            value={chosen.model.id}
            onChange={(event) => {
              const model = models.find((m) => m.id === event.target.value);
              const voice = model?.voices.find((v) => v.id === chosen.voice.id) ?? model?.voices[0];
              if (model && voice) onSelect(model.id, voice.id);
            }}
          >
            {models.map((model) => (
              <option key={model.id} value={model.id}>
                {model.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <VoicePicker
        key={`kokoro-${chosen.model.id}`}
        voices={chosen.model.voices}
        selectedId={chosen.voice.id}
        onSelect={(voice) => onSelect(chosen.model.id, voice.id)}
        extra={genderWord}
      />
    </>
  );
}
