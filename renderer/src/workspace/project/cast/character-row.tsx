import { Trash2 } from 'lucide-react';
import { useId } from 'react';
import { VOICE_ENGINES, VOICE_LIMITS, type Character, type VoiceList } from '../../../../../preload/contract.js';
import { ENGINE_LABELS, unlistedVoiceLabel, voiceChoices } from './voice-choices.js';

interface CharacterRowProps {
  character: Character;
  index: number;
  list: VoiceList | null;
  canRemove: boolean;
  onChange(patch: Partial<Character>, save: boolean): void;
  onRemove(): void;
}

/** One character: name, engine, voice, rate and pitch, each a labelled control. */
export function CharacterRow({ character, index, list, canRemove, onChange, onRemove }: CharacterRowProps) {
  const id = useId();
  const who = character.name.trim() || `character ${index + 1}`;
  const choices = voiceChoices(list, character.engine);
  const chosenVoiceListed = choices?.some((c) => c.id === character.voice) ?? false;
  return (
    <li className="cast-row" aria-label={who}>
      <label className="field" htmlFor={`${id}-name`}>
        <span className="field-label">Name</span>
        <input
          id={`${id}-name`}
          className="text-input"
          value={character.name}
          maxLength={40}
          onChange={(event) => onChange({ name: event.target.value }, false)}
          onBlur={() => onChange({}, true)}
        />
      </label>
      <label className="field" htmlFor={`${id}-engine`}>
        <span className="field-label">Engine</span>
        <select
          id={`${id}-engine`}
          className="text-input"
          value={character.engine}
          onChange={(event) => {
            const engine = event.target.value as Character['engine'];
            const first = voiceChoices(list, engine)?.[0]?.id;
            onChange({ engine, voice: first ?? (engine === 'espeak' ? 'en' : character.voice) }, true);
          }}
        >
          {VOICE_ENGINES.map((engine) => (
            <option key={engine} value={engine}>
              {ENGINE_LABELS[engine] ?? engine}
            </option>
          ))}
        </select>
      </label>
      <label className="field" htmlFor={`${id}-voice`}>
        <span className="field-label">Voice</span>
        {choices ? (
          <select id={`${id}-voice`} className="text-input" value={character.voice} onChange={(event) => onChange({ voice: event.target.value }, true)}>
            {/* espeak also takes names and short ids ("en") the list spells out; a Piper or Kokoro voice missing here was removed. */}
            {chosenVoiceListed ? null : <option value={character.voice}>{unlistedVoiceLabel(list, character.engine, character.voice)}</option>}
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={`${id}-voice`}
            className="text-input"
            value={character.voice}
            maxLength={120}
            onChange={(event) => onChange({ voice: event.target.value }, false)}
            onBlur={() => onChange({}, true)}
          />
        )}
      </label>
      <label className="field" htmlFor={`${id}-rate`}>
        <span className="field-label">Rate</span>
        <input
          id={`${id}-rate`}
          className="text-input"
          type="number"
          min={VOICE_LIMITS.rate.min}
          max={VOICE_LIMITS.rate.max}
          step={0.05}
          value={character.rate}
          onChange={(event) => Number.isFinite(event.target.valueAsNumber) && onChange({ rate: event.target.valueAsNumber }, false)}
          onBlur={() => onChange({}, true)}
        />
      </label>
      <label className="field" htmlFor={`${id}-pitch`}>
        <span className="field-label">Pitch</span>
        <input
          id={`${id}-pitch`}
          className="text-input"
          type="number"
          min={VOICE_LIMITS.pitch.min}
          max={VOICE_LIMITS.pitch.max}
          step={1}
          value={character.pitch}
          onChange={(event) => Number.isFinite(event.target.valueAsNumber) && onChange({ pitch: Math.round(event.target.valueAsNumber) }, false)}
          onBlur={() => onChange({}, true)}
        />
      </label>
      <button
        type="button"
        className="icon-button cast-remove"
        aria-label={`Remove ${who} from the cast`}
        title={canRemove ? `Remove ${who}` : 'A cast keeps at least one character'}
        disabled={!canRemove}
        onClick={onRemove}
      >
        <Trash2 aria-hidden="true" size={15} />
      </button>
    </li>
  );
}
