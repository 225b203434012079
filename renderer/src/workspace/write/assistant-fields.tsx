import { TEXT_LIMITS } from '../../../../preload/contract.js';
import type { AssistantSettings } from './assistant-settings.js';
import type { TextRun } from './use-text-generation.js';
import { parseInRange } from '../voice/sound/number-field.js';
import { SeedField } from '../../components/seed-field.js';

export function statusLine(run: TextRun | null, speed: string | undefined): string {
  if (!run) return 'Suggestions appear here.';
  if (run.state === 'failed') return 'Failed';
  if (run.state === 'cancelled') return speed ? `Stopped · ${speed}` : 'Stopped';
  return speed ?? 'Waiting for the model…';
}

function NumberField({
  id,
  label,
  value,
  step,
  min,
  max,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  step: number;
  min: number;
  max: number;
  onChange(value: string): void;
}) {
  const invalid = parseInRange(value, min, max, step === 1) === null;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="text-input text-input-compact"
        type="number"
        step={step}
        min={min}
        max={max}
        value={value}
        aria-invalid={invalid || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

/** Sampling under "Parameters": temperature, top-p, length and seed, each with its range from the contract. */
export function AssistantParameters({
  ids,
  settings,
  onChange,
}: {
  ids: { temperature: string; topP: string; maxTokens: string; seed: string };
  settings: AssistantSettings;
  onChange(patch: Partial<AssistantSettings>): void;
}) {
  return (
    <details className="write-details">
      <summary>Parameters</summary>
      <div className="write-parameters">
        <NumberField
          id={ids.temperature}
          label="Temperature"
          value={settings.temperature}
          step={0.05}
          min={TEXT_LIMITS.temperature.min}
          max={TEXT_LIMITS.temperature.max}
          onChange={(temperature) => onChange({ temperature })}
        />
        <NumberField
          id={ids.topP}
          label="Top-p"
          value={settings.topP}
          step={0.01}
          min={TEXT_LIMITS.topP.min}
          max={TEXT_LIMITS.topP.max}
          onChange={(topP) => onChange({ topP })}
        />
        <NumberField
          id={ids.maxTokens}
          label="Max tokens"
          value={settings.maxTokens}
          step={1}
          min={TEXT_LIMITS.maxTokens.min}
          max={TEXT_LIMITS.maxTokens.max}
          onChange={(maxTokens) => onChange({ maxTokens })}
        />
        <SeedField
          id={ids.seed}
          value={settings.seed}
          max={TEXT_LIMITS.seed.max}
          onChange={(seed) => onChange({ seed })}
          roll={() => Math.floor(Math.random() * 1_000_000)}
        />
      </div>
    </details>
  );
}
