import { Expand, LoaderCircle, Square, X } from 'lucide-react';
import { useId, useState } from 'react';
import { IMAGE_LIMITS, type Asset, type CallInput } from '../../../../../preload/contract.js';
import type { OutpaintAnchor } from '../../../../../preload/schemas/image-inpaint.js';
import { useAssetUrl } from '../../../state/use-asset-url.js';
import { parseInRange } from '../../voice/sound/number-field.js';
import type { ImageJobRun } from '../use-image-jobs.js';
import { ExtendPreview } from './extend-preview.js';
import { EXTEND_ANCHORS, EXTEND_SHAPES, extendLayout, extendTarget, type ExtendShape } from './extend-target.js';
import '../../../styles/image-extend.css';

interface ImageExtendPanelProps {
  asset: Asset;
  running: ImageJobRun | null;
  /** Whether a diffusion model is installed: extending paints the new area with one. */
  canExtend: boolean;
  onExtend(input: Omit<CallInput<'image.outpaint'>, 'model'>): void;
  onStop(): void;
  onOpenModels(): void;
  onClose(): void;
}

/** Extend a picture to a new shape or size: the new area is painted to match, saved as a new picture; the original stays. */
export function ImageExtendPanel({ asset, running, canExtend, onExtend, onStop, onOpenModels, onClose }: ImageExtendPanelProps) {
  const ids = { heading: useId(), shape: useId(), width: useId(), height: useId(), anchor: useId(), prompt: useId() };
  const own = { width: asset.width ?? 0, height: asset.height ?? 0 };
  // A wide picture most often becomes a vertical one (a Short), and the other way round.
  const [shape, setShape] = useState<ExtendShape>(own.width >= own.height ? '9:16' : '16:9');
  const [widthText, setWidthText] = useState(String(own.width || ''));
  const [heightText, setHeightText] = useState(String(own.height || ''));
  const [anchor, setAnchor] = useState<OutpaintAnchor>('center');
  const [prompt, setPrompt] = useState('');
  const picture = useAssetUrl(asset.id, 'file');
  const working = running !== null;

  const size = {
    width: parseInRange(widthText, IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max, true),
    height: parseInRange(heightText, IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max, true),
  };
  const target = extendTarget(shape, size);
  const planned = target && own.width && own.height ? extendLayout(own, target, anchor) : null;
  const problem = !canExtend
    ? 'Extending needs a Stable Diffusion model.'
    : !target
      ? `Each side is a whole number from ${IMAGE_LIMITS.size.min} to ${IMAGE_LIMITS.size.max}.`
      : (planned?.problem ?? null);
  const status = working
    ? `${running.detail ?? 'Extending…'}${running.progress !== null ? ` (${Math.round(running.progress * 100)}%)` : ''}`
    : (problem ?? 'The new area is painted to match; saved as a new picture, the original is kept.');

  const numberField = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="text-input text-input-compact"
        type="number"
        inputMode="numeric"
        min={IMAGE_LIMITS.size.min}
        max={IMAGE_LIMITS.size.max}
        value={value}
        aria-invalid={target === null || undefined}
        onChange={(event) => set(event.target.value)}
      />
    </div>
  );

  return (
    <section className="sound-card image-edit image-extend" aria-labelledby={ids.heading}>
      <header className="sound-card-header sound-card-header-tight">
        <h3 id={ids.heading} className="sound-card-title">
          Extend {asset.name}
        </h3>
        <button type="button" className="icon-button" aria-label="Close extend" title="Close (the picture is unchanged)" onClick={onClose}>
          <X aria-hidden="true" size={16} />
        </button>
      </header>
      <div className="image-extend-layout">
        {planned?.layout ? (
          <ExtendPreview imageUrl={picture.status === 'ready' ? picture.url : null} imageAlt={asset.name} layout={planned.layout} />
        ) : (
          <p className="extend-preview extend-preview-empty inline-field-note">No new frame to show.</p>
        )}
        <div className="image-edit-fields">
          <div className="field">
            <label className="field-label" htmlFor={ids.shape}>
              New shape
            </label>
            <select id={ids.shape} className="select-input" value={shape} onChange={(event) => setShape(event.target.value as ExtendShape)}>
              {EXTEND_SHAPES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
              <option value="size">Exact size…</option>
            </select>
          </div>
          {shape === 'size' ? (
            <>
              {numberField(ids.width, 'New width', widthText, setWidthText)}
              {numberField(ids.height, 'New height', heightText, setHeightText)}
            </>
          ) : null}
          <div className="field">
            <label className="field-label" htmlFor={ids.anchor}>
              The picture sits at
            </label>
            <select id={ids.anchor} className="select-input" value={anchor} onChange={(event) => setAnchor(event.target.value as OutpaintAnchor)}>
              {EXTEND_ANCHORS.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field image-edit-text">
            <label className="field-label" htmlFor={ids.prompt}>
              What fills the new area (optional)
            </label>
            <input
              id={ids.prompt}
              className="text-input"
              maxLength={IMAGE_LIMITS.prompt}
              placeholder="Blank: more of the same picture"
              value={prompt}
              onChange={(event) => setPrompt(event.target.value)}
            />
          </div>
        </div>
      </div>
      {working && running.progress !== null ? <progress className="extend-progress" aria-label="Extending" max={1} value={running.progress} /> : null}
      <footer className="image-edit-footer">
        <span className={problem && !working ? 'field-error' : 'inline-field-note'} role="status">
          {status}
        </span>
        {canExtend ? null : (
          <button type="button" className="button" onClick={onOpenModels}>
            Get a model
          </button>
        )}
        {working ? (
          <button type="button" className="button" onClick={onStop}>
            <Square aria-hidden="true" size={13} />
            Stop
          </button>
        ) : null}
        <button
          type="button"
          className="button button-primary"
          disabled={working || problem !== null || !target}
          aria-busy={working || undefined}
          onClick={() => target && onExtend({ assetId: asset.id, target, anchor, prompt: prompt.trim() })}
        >
          {working ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Expand aria-hidden="true" size={15} />}
          Extend
        </button>
      </footer>
    </section>
  );
}
