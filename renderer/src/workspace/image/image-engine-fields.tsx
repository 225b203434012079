import { useId } from 'react';
import { IMAGE_LIMITS } from '../../../../preload/contract.js';
import type { ImageForm } from './use-image-form.js';

/** The top of the form: which engine draws, and what to draw (the prompt, and for diffusion what to keep out). */
export function ImageEngineFields({ form, onOpenModels }: { form: ImageForm; onOpenModels(): void }) {
  const ids = { prompt: useId(), negative: useId() };
  const { fields, update, diffusion, hasModel } = form;
  return (
    <>
      <div className="image-form-top">
        <div className="segmented" role="radiogroup" aria-label="Engine">
          <label className="segment">
            <input
              type="radio"
              name="image-engine"
              value="procedural"
              checked={fields.engine === 'procedural'}
              onChange={() => update({ engine: 'procedural' })}
            />
            Procedural
          </label>
          <label className="segment" title={hasModel ? 'Stable Diffusion on this computer' : 'Needs an image model: download one in the Models tab'}>
            <input
              type="radio"
              name="image-engine"
              value="diffusion"
              checked={diffusion}
              disabled={!hasModel}
              onChange={() => update({ engine: 'diffusion' })}
            />
            Diffusion
          </label>
        </div>
        {hasModel ? null : (
          <p className="inline-field-note">
            Diffusion needs an image model.{' '}
            <button type="button" className="link-button" onClick={onOpenModels}>
              Get one in Models
            </button>
          </p>
        )}
      </div>

      <div className="field">
        <label className="field-label" htmlFor={ids.prompt}>
          Prompt
        </label>
        <textarea
          id={ids.prompt}
          className="text-input image-prompt"
          rows={2}
          maxLength={IMAGE_LIMITS.prompt}
          placeholder={
            diffusion
              ? 'A lighthouse on a cliff at dusk, oil painting'
              : 'Mood and colour words steer the palette: midnight, warm, forest, ocean, sunset, pastel, neon…'
          }
          value={fields.prompt}
          onChange={(event) => update({ prompt: event.target.value })}
        />
      </div>
      {diffusion ? (
        <div className="field">
          <label className="field-label" htmlFor={ids.negative}>
            Negative prompt
          </label>
          <input
            id={ids.negative}
            className="text-input"
            maxLength={IMAGE_LIMITS.prompt}
            placeholder="What to keep out: blurry, text, watermark"
            value={fields.negativePrompt}
            onChange={(event) => update({ negativePrompt: event.target.value })}
          />
        </div>
      ) : null}
    </>
  );
}
