import { useId } from 'react';
import { IMAGE_LIMITS } from '../../../../preload/contract.js';
import { presetFor, SIZE_PRESETS } from './size-presets.js';
import type { ImageForm } from './use-image-form.js';
import { SeedField } from '../../components/seed-field.js';

const RANDOM_SEED_MAX = 999_999;

/** The fields both engines share: size (a preset or width × height), seed and how many pictures. */
export function ImageSizeFields({ form }: { form: ImageForm }) {
  const ids = { size: useId(), width: useId(), height: useId(), seed: useId(), count: useId() };
  const { fields, update, numbers, diffusion, sizeFits } = form;
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={ids.size}>
          Size
        </label>
        <select
          id={ids.size}
          className="select-input"
          value={presetFor(numbers.width, numbers.height)}
          onChange={(event) => {
            const chosen = SIZE_PRESETS.find((p) => p.id === event.target.value);
            if (chosen) update({ widthText: String(chosen.width), heightText: String(chosen.height) });
          }}
        >
          {SIZE_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom" disabled>
            Custom
          </option>
        </select>
      </div>
      <div className="field image-size-fields">
        <span className="field-label" aria-hidden="true">
          Width × height
        </span>
        <span className="image-size-pair">
          <input
            id={ids.width}
            aria-label="Width"
            className="text-input text-input-compact"
            type="number"
            inputMode="numeric"
            min={IMAGE_LIMITS.size.min}
            max={IMAGE_LIMITS.size.max}
            step={diffusion ? 8 : 1}
            value={fields.widthText}
            aria-invalid={!sizeFits(numbers.width) || undefined}
            onChange={(event) => update({ widthText: event.target.value })}
          />
          <span aria-hidden="true">×</span>
          <input
            id={ids.height}
            aria-label="Height"
            className="text-input text-input-compact"
            type="number"
            inputMode="numeric"
            min={IMAGE_LIMITS.size.min}
            max={IMAGE_LIMITS.size.max}
            step={diffusion ? 8 : 1}
            value={fields.heightText}
            aria-invalid={!sizeFits(numbers.height) || undefined}
            onChange={(event) => update({ heightText: event.target.value })}
          />
        </span>
      </div>
      <SeedField
        id={ids.seed}
        value={fields.seedText}
        max={IMAGE_LIMITS.seed.max}
        invalid={numbers.seed === null}
        onChange={(seedText) => update({ seedText })}
        roll={() => 1 + Math.floor(Math.random() * RANDOM_SEED_MAX)}
      />
      <div className="field">
        <label className="field-label" htmlFor={ids.count}>
          Pictures
        </label>
        <input
          id={ids.count}
          className="text-input text-input-compact"
          type="number"
          inputMode="numeric"
          min={IMAGE_LIMITS.count.min}
          max={IMAGE_LIMITS.count.max}
          value={fields.countText}
          aria-invalid={numbers.count === null || undefined}
          onChange={(event) => update({ countText: event.target.value })}
        />
      </div>
    </>
  );
}
