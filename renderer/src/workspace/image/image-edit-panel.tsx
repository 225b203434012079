import { Expand, LoaderCircle, Paintbrush, Save, X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { IMAGE_FORMATS, IMAGE_LIMITS, type Asset, type CallInput, type ImageFormat } from '../../../../preload/contract.js';
import { AssetThumbnail } from '../../components/asset-thumbnail.js';
import type { ImageJobRun } from './use-image-jobs.js';
import { parseInRange } from '../voice/sound/number-field.js';
import { useUpscalers } from './use-image-models.js';

type EditOps = NonNullable<CallInput<'image.edit'>['ops']>;

interface ImageEditPanelProps {
  asset: Asset;
  running: ImageJobRun | null;
  onSave(input: CallInput<'image.edit'>): void;
  /** Switches to the mask painter for this picture. */
  onRepaint(): void;
  /** Switches to Extend… for this picture. */
  onExtend(): void;
  onClose(): void;
}

const CROPS = { none: 'Keep the frame', square: 'Square (centre)', wide: '16:9 (centre)', tall: '9:16 (centre)' } as const;
type Crop = keyof typeof CROPS;
const CROP_RATIOS: Readonly<Record<Exclude<Crop, 'none'>, number>> = { square: 1, wide: 16 / 9, tall: 9 / 16 };
const FORMAT_LABELS: Readonly<Record<ImageFormat, string>> = { png: 'PNG (lossless)', jpeg: 'JPEG', webp: 'WebP', avif: 'AVIF' };

/** The largest centred box of the ratio inside the picture. */
function centredCrop(width: number, height: number, ratio: number) {
  const w = Math.min(width, Math.round(height * ratio));
  const h = Math.min(height, Math.round(w / ratio));
  return { op: 'crop' as const, left: Math.floor((width - w) / 2), top: Math.floor((height - h) / 2), width: w, height: h };
}

/** Edits one picture into a new one (the original stays): crop, rotate, resize, upscale, adjust, add a title, convert. */
export function ImageEditPanel({ asset, running, onSave, onRepaint, onExtend, onClose }: ImageEditPanelProps) {
  const ids = {
    heading: useId(),
    crop: useId(),
    rotate: useId(),
    width: useId(),
    upscale: useId(),
    upscaler: useId(),
    text: useId(),
    position: useId(),
    format: useId(),
  };
  const [crop, setCrop] = useState<Crop>('none');
  const [rotate, setRotate] = useState(0);
  const [widthText, setWidthText] = useState('');
  const [upscale, setUpscale] = useState(1);
  const upscalers = useUpscalers();
  /** '' is Lanczos; otherwise an installed upscaler's id. */
  const [upscaler, setUpscaler] = useState('');
  const activeUpscaler = upscalers?.find((m) => m.active)?.id;
  // The active upscaler is the first choice once the list arrives; Lanczos when there is none.
  useEffect(() => {
    if (activeUpscaler) setUpscaler((current) => current || activeUpscaler);
  }, [activeUpscaler]);
  const [brightness, setBrightness] = useState(1);
  const [contrast, setContrast] = useState(1);
  const [saturation, setSaturation] = useState(1);
  const [text, setText] = useState('');
  const [position, setPosition] = useState<'top' | 'center' | 'bottom'>('bottom');
  const [format, setFormat] = useState<ImageFormat>('png');

  const resizeWidth = widthText.trim() === '' ? undefined : parseInRange(widthText, 1, IMAGE_LIMITS.size.max, true);
  const ops: EditOps = [];
  const width = asset.width ?? 0;
  const height = asset.height ?? 0;
  if (crop !== 'none' && width && height) ops.push(centredCrop(width, height, CROP_RATIOS[crop]));
  if (rotate !== 0) ops.push({ op: 'rotate', degrees: rotate });
  if (resizeWidth) {
    // Keep the aspect ratio of the frame as it is after the crop and the turn.
    const last = ops.find((op) => op.op === 'crop');
    const [fw, fh] = last && last.op === 'crop' ? [last.width, last.height] : [width, height];
    const [rw, rh] = rotate % 180 === 0 ? [fw, fh] : [fh, fw];
    const resizeHeight = rw ? Math.max(1, Math.round((resizeWidth * rh) / rw)) : resizeWidth;
    ops.push({ op: 'resize', width: resizeWidth, height: Math.min(IMAGE_LIMITS.size.max, resizeHeight), fit: 'fill' });
  }
  if (upscale > 1) ops.push({ op: 'upscale', factor: upscale, ...(upscaler && { model: upscaler }) });
  if (brightness !== 1 || contrast !== 1 || saturation !== 1) ops.push({ op: 'adjust', brightness, contrast, saturation });
  if (text.trim()) ops.push({ op: 'text', text: text.trim(), position });
  const working = running !== null;
  const invalid = resizeWidth === null;

  const slider = (label: string, value: number, set: (v: number) => void) => (
    <label className="edit-slider">
      <span className="field-label">
        {label} <span className="edit-slider-value">{Math.round(value * 100)}%</span>
      </span>
      <input type="range" min={0} max={2} step={0.05} value={value} onChange={(event) => set(Number(event.target.value))} />
    </label>
  );

  return (
    <section className="sound-card image-edit" aria-labelledby={ids.heading}>
      <header className="sound-card-header sound-card-header-tight">
        <h3 id={ids.heading} className="sound-card-title">
          Edit “{asset.name}”
        </h3>
        <button type="button" className="button button-small image-edit-repaint" title="Paint over a part and say what goes there" onClick={onRepaint}>
          <Paintbrush aria-hidden="true" size={14} />
          Repaint part…
        </button>
        <button
          type="button"
          className="button button-small image-edit-repaint"
          title="Make the frame a new shape; the new area is painted to match"
          onClick={onExtend}
        >
          <Expand aria-hidden="true" size={14} />
          Extend…
        </button>
        <button type="button" className="icon-button" aria-label="Close the editor" onClick={onClose}>
          <X aria-hidden="true" size={16} />
        </button>
      </header>
      <div className="image-edit-layout">
        <AssetThumbnail asset={asset} className="image-edit-thumb" iconSize={24} fitShape />
        <div className="image-edit-fields">
          <div className="field">
            <label className="field-label" htmlFor={ids.crop}>
              Crop
            </label>
            <select id={ids.crop} className="select-input" value={crop} onChange={(event) => setCrop(event.target.value as Crop)}>
              {Object.entries(CROPS).map(([id, label]) => (
                <option key={id} value={id}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.rotate}>
              Rotate
            </label>
            <select id={ids.rotate} className="select-input" value={rotate} onChange={(event) => setRotate(Number(event.target.value))}>
              <option value={0}>No turn</option>
              <option value={90}>90° clockwise</option>
              <option value={180}>180°</option>
              <option value={270}>90° anticlockwise</option>
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.width}>
              Resize to width
            </label>
            <input
              id={ids.width}
              className="text-input text-input-compact"
              type="number"
              inputMode="numeric"
              min={1}
              max={IMAGE_LIMITS.size.max}
              placeholder={width ? String(width) : 'px'}
              value={widthText}
              aria-invalid={invalid || undefined}
              onChange={(event) => setWidthText(event.target.value)}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.upscale}>
              Upscale
            </label>
            <select id={ids.upscale} className="select-input" value={upscale} onChange={(event) => setUpscale(Number(event.target.value))}>
              <option value={1}>None</option>
              <option value={2}>2×</option>
              <option value={3}>3×</option>
              <option value={4}>4×</option>
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.upscaler}>
              Upscale with
            </label>
            <select id={ids.upscaler} className="select-input" value={upscaler} onChange={(event) => setUpscaler(event.target.value)}>
              <option value="">Lanczos (no model)</option>
              {(upscalers ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          {slider('Brightness', brightness, setBrightness)}
          {slider('Contrast', contrast, setContrast)}
          {slider('Saturation', saturation, setSaturation)}
          <div className="field image-edit-text">
            <label className="field-label" htmlFor={ids.text}>
              Text overlay
            </label>
            <input
              id={ids.text}
              className="text-input"
              maxLength={IMAGE_LIMITS.text}
              placeholder="e.g. Episode 3"
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.position}>
              Text position
            </label>
            <select id={ids.position} className="select-input" value={position} onChange={(event) => setPosition(event.target.value as typeof position)}>
              <option value="top">Top</option>
              <option value="center">Centre</option>
              <option value="bottom">Bottom</option>
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={ids.format}>
              Save as
            </label>
            <select id={ids.format} className="select-input" value={format} onChange={(event) => setFormat(event.target.value as ImageFormat)}>
              {IMAGE_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      <footer className="image-edit-footer">
        <span className={invalid ? 'field-error' : 'inline-field-note'}>
          {invalid
            ? `The width is a whole number from 1 to ${IMAGE_LIMITS.size.max}.`
            : ops.length === 0 && format === 'png'
              ? 'Choose a change; the original is always kept.'
              : `${ops.length} change${ops.length === 1 ? '' : 's'}, saved as a new ${format.toUpperCase()}; the original is kept.`}
        </span>
        <button
          type="button"
          className="button button-primary"
          disabled={working || invalid || (ops.length === 0 && format === 'png')}
          aria-busy={working || undefined}
          onClick={() => onSave({ assetId: asset.id, ops, format })}
        >
          {working ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Save aria-hidden="true" size={15} />}
          Save as new image
        </button>
      </footer>
    </section>
  );
}
