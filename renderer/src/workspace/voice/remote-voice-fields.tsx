import { useId } from 'react';
import { REMOTE_VOICE_LIMITS, type RemoteModel } from '../../../../preload/contract.js';
import type { VoiceSettings } from './use-voice-settings.js';

/** OpenAI's stock voices: what most OpenAI-compatible speech servers accept. */
const OPENAI_VOICE_NAMES = ['alloy', 'ash', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer'];

interface RemoteVoiceFieldsProps {
  models: readonly RemoteModel[];
  chosen: RemoteModel;
  settings: VoiceSettings;
  onChange(patch: Partial<VoiceSettings>): void;
}

/** The remote speech model and the server's own voice name; the script goes to that server. */
export function RemoteVoiceFields({ models, chosen, settings, onChange }: RemoteVoiceFieldsProps) {
  const ids = { model: useId(), voice: useId(), names: useId() };
  return (
    <div className="voice-remote">
      <div className="voice-option-grid">
        <div className="field">
          <label className="field-label" htmlFor={ids.model}>
            Remote model
          </label>
          <select id={ids.model} className="select-input" value={chosen.id} onChange={(event) => onChange({ remoteModel: event.target.value })}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.remoteId} · remote {m.remote}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.voice}>
            Voice
          </label>
          <input
            id={ids.voice}
            className="text-input"
            list={ids.names}
            maxLength={REMOTE_VOICE_LIMITS.voiceChars}
            spellCheck={false}
            autoComplete="off"
            placeholder={REMOTE_VOICE_LIMITS.defaultVoice}
            value={settings.remoteVoice}
            onChange={(event) => onChange({ remoteVoice: event.target.value })}
          />
          <datalist id={ids.names}>
            {OPENAI_VOICE_NAMES.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </div>
      </div>
      <p className="inline-field-note">
        <span className="remote-tag">remote</span> The text is sent to “{chosen.remote}” and spoken there; the voice name is that server’s (OpenAI’s are{' '}
        {OPENAI_VOICE_NAMES.slice(0, 3).join(', ')}…). Pitch applies to voices on this computer only.
      </p>
    </div>
  );
}
