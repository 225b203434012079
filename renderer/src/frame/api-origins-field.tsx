import { useId, useState } from 'react';
import { WebOriginSchema } from '../../../preload/schemas/settings.js';

interface ApiOriginsFieldProps {
  origins: readonly string[];
  onChange(origins: string[]): void;
}

/**
 * The web origins whose pages may call the OpenAI-compatible API from a browser (CORS), one a
 * line. Empty by default: listing a site lets its pages use the API with a key they hold, so
 * each line is checked with the contract's own schema before anything is saved.
 */
export function ApiOriginsField({ origins, onChange }: ApiOriginsFieldProps) {
  const id = useId();
  const errorId = useId();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Allowed origins (web pages that may call the API, one a line)
      </label>
      <textarea
        id={id}
        className="text-input"
        rows={2}
        placeholder="http://localhost:5173"
        defaultValue={origins.join('\n')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onBlur={(event) => {
          const lines = [...new Set(event.target.value.split('\n').map((line) => line.trim()))].filter((line) => line !== '');
          const bad = lines.find((line) => !WebOriginSchema.safeParse(line).success);
          if (bad !== undefined) {
            setError(`“${bad}” is not an origin: write the scheme, host and port only, like https://app.example.`);
            return;
          }
          setError(null);
          if (lines.join('\n') !== origins.join('\n')) onChange(lines);
        }}
      />
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
