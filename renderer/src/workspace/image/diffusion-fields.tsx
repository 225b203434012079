import { useId } from 'react';
import { DIFFUSION_SCHEDULERS, IMAGE_LIMITS, type Asset, type DiffusionScheduler, type InstalledModel } from '../../../../preload/contract.js';
import type { ImageForm, RemoteImageModel } from './use-image-form.js';
import { localModelOptions, modelSelectValue } from './model-options.js';

const SCHEDULER_LABELS: Readonly<Record<DiffusionScheduler, string>> = { 'euler-a': 'Euler ancestral', lcm: 'LCM', euler: 'Euler', ddim: 'DDIM' };

/** The diffusion model: the installed ones (or the active one), then the remote engines' in their own group. */
export function ModelField({ form, models, remoteImages }: { form: ImageForm; models: InstalledModel[] | null; remoteImages: RemoteImageModel[] }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Model
      </label>
      <select
        id={id}
        className="select-input"
        value={modelSelectValue(models, form.chosenModelId)}
        onChange={(event) => form.update({ modelId: event.target.value })}
      >
        {localModelOptions(models, form.hasLocalModel).map((option) => (
          <option key={option.value || 'active'} value={option.value}>
            {option.label}
          </option>
        ))}
        {remoteImages.length > 0 ? (
          <optgroup label="Remote engines">
            {remoteImages.map((m) => (
              <option key={m.id} value={m.id}>
                {m.remoteId} · remote {m.remote}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
    </div>
  );
}

/** Diffusion's own knobs: steps, guidance, scheduler, and an optional picture to start from with its strength. */
export function DiffusionFields({ form, images }: { form: ImageForm; images: Asset[] | null }) {
  const ids = { steps: useId(), guidance: useId(), scheduler: useId(), init: useId(), strength: useId() };
  const { fields, update, numbers } = form;
  return (
    <>
      <div className="field">
        <label className="field-label" htmlFor={ids.steps}>
          Steps
        </label>
        <input
          id={ids.steps}
          className="text-input text-input-compact"
          type="number"
          min={IMAGE_LIMITS.steps.min}
          max={IMAGE_LIMITS.steps.max}
          value={fields.stepsText}
          aria-invalid={numbers.steps === null || undefined}
          onChange={(event) => update({ stepsText: event.target.value })}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={ids.guidance}>
          Guidance
        </label>
        <input
          id={ids.guidance}
          className="text-input text-input-compact"
          type="number"
          step={0.5}
          min={IMAGE_LIMITS.guidance.min}
          max={IMAGE_LIMITS.guidance.max}
          value={fields.guidanceText}
          aria-invalid={numbers.guidance === null || undefined}
          onChange={(event) => update({ guidanceText: event.target.value })}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor={ids.scheduler}>
          Scheduler
        </label>
        <select
          id={ids.scheduler}
          className="select-input"
          value={fields.scheduler}
          onChange={(event) => update({ scheduler: event.target.value as DiffusionScheduler })}
        >
          {DIFFUSION_SCHEDULERS.map((s) => (
            <option key={s} value={s}>
              {SCHEDULER_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={ids.init}>
          Start from
        </label>
        <select id={ids.init} className="select-input" value={fields.initId} onChange={(event) => update({ initId: event.target.value })}>
          <option value="">Nothing (text to image)</option>
          {images?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      {fields.initId ? (
        <div className="field">
          <label className="field-label" htmlFor={ids.strength}>
            Strength
          </label>
          <input
            id={ids.strength}
            className="text-input text-input-compact"
            type="number"
            step={0.05}
            min={0}
            max={1}
            value={fields.strengthText}
            aria-invalid={numbers.strength === null || undefined}
            onChange={(event) => update({ strengthText: event.target.value })}
          />
        </div>
      ) : null}
    </>
  );
}

/** What a remote engine does with the form: it draws from the prompt alone, so the local-only knobs are named. */
export function RemoteModelNote({ model }: { model: RemoteImageModel }) {
  return (
    <p className="inline-field-note">
      <span className="remote-tag">remote</span> Drawn on “{model.remote}”: the prompt, size, count and seed are sent; steps, guidance and a starting picture
      apply to models on this computer only.
    </p>
  );
}
