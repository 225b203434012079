import { useId } from 'react';
import { IMAGE_LIMITS, type ImageTemplate, type ImageTemplateId } from '../../../../preload/contract.js';
import type { ImageForm } from './use-image-form.js';

interface ProceduralFieldProps {
  form: ImageForm;
  /** The chosen template's entry, once the list has loaded. */
  current: ImageTemplate | undefined;
}

/** The procedural template; choosing one also takes its own size, the one it was laid out for. */
export function TemplateField({ form, current, templates }: ProceduralFieldProps & { templates: ImageTemplate[] }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Template
      </label>
      <select
        id={id}
        className="select-input"
        value={form.fields.template}
        title={current?.description}
        onChange={(event) => {
          const next = templates.find((t) => t.id === event.target.value);
          form.update({
            template: event.target.value as ImageTemplateId,
            ...(next && { widthText: String(next.defaultWidth), heightText: String(next.defaultHeight) }),
          });
        }}
      >
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The words a template sets on the picture, labelled as that template names them. */
export function TemplateTextField({ form, current }: ProceduralFieldProps) {
  const id = useId();
  return (
    <div className="field image-text-field">
      <label className="field-label" htmlFor={id}>
        {current?.textLabel ?? 'Text'}
      </label>
      <textarea
        id={id}
        className="text-input"
        rows={2}
        maxLength={IMAGE_LIMITS.text}
        placeholder="The Harbour at Midnight"
        value={form.fields.text}
        onChange={(event) => form.update({ text: event.target.value })}
      />
    </div>
  );
}
