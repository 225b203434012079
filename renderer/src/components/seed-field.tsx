import { Dices } from 'lucide-react';

interface SeedFieldProps {
  id: string;
  /** The text as typed: empty means a random seed at run time. */
  value: string;
  max: number;
  invalid?: boolean;
  onChange(text: string): void;
  /** A new seed for the dice button. */
  roll(): number;
}

/** A seed box with a dice button, the same in every tab that samples. */
export function SeedField({ id, value, max, invalid, onChange, roll }: SeedFieldProps) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Seed
      </label>
      <span className="image-seed">
        <input
          id={id}
          className="text-input text-input-compact"
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          placeholder="Random"
          value={value}
          aria-invalid={invalid || undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        <button type="button" className="icon-button" aria-label="Roll a random seed" title="Roll a random seed" onClick={() => onChange(String(roll()))}>
          <Dices aria-hidden="true" size={16} />
        </button>
      </span>
    </div>
  );
}
