import { LoaderCircle, Paintbrush, X } from 'lucide-react';
import { useId, useState } from 'react';
import type { Asset } from '../../../../preload/contract.js';
import { useAssetUrl } from '../../state/use-asset-url.js';
import { MaskPainter, type MaskResult } from './mask/mask-painter.js';
import type { ImageJobRun } from './use-image-jobs.js';

/** What Repaint asks for: the picture, the painted mask as a PNG, and what to put there. */
export interface RepaintRequest {
  asset: Asset;
  mask: Blob;
  prompt: string;
}

interface ImageRepaintPanelProps {
  asset: Asset;
  running: ImageJobRun | null;
  /** Whether a diffusion model is installed: repainting needs one, and says so instead of failing later. */
  canRepaint: boolean;
  onRepaint(request: RepaintRequest): void;
  onOpenModels(): void;
  onClose(): void;
}

/** Repaint part of a picture: paint a mask over it, say what goes there, and only that area changes (a new picture; the original stays). */
export function ImageRepaintPanel({ asset, running, canRepaint, onRepaint, onOpenModels, onClose }: ImageRepaintPanelProps) {
  const ids = { heading: useId(), prompt: useId() };
  const [prompt, setPrompt] = useState('');
  const picture = useAssetUrl(asset.id, 'file');
  const working = running !== null;

  const footer = ({ empty, toPng }: MaskResult) => {
    const problem = !canRepaint
      ? 'Repainting needs a Stable Diffusion model.'
      : empty
        ? 'Paint over the part to change.'
        : prompt.trim() === ''
          ? 'Say what should be there.'
          : null;
    return (
      <footer className="image-edit-footer">
        <span className={canRepaint ? 'inline-field-note' : 'field-error'} role="status">
          {working ? (running.detail ?? 'Repainting…') : (problem ?? 'Only the painted area changes; saved as a new picture, the original is kept.')}
        </span>
        {canRepaint ? null : (
          <button type="button" className="button" onClick={onOpenModels}>
            Get a model
          </button>
        )}
        <button
          type="button"
          className="button button-primary"
          disabled={working || problem !== null}
          aria-busy={working || undefined}
          onClick={() => void toPng().then((mask) => onRepaint({ asset, mask, prompt: prompt.trim() }))}
        >
          {working ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Paintbrush aria-hidden="true" size={15} />}
          Repaint
        </button>
      </footer>
    );
  };

  return (
    <section className="sound-card image-edit image-repaint" aria-labelledby={ids.heading}>
      <header className="sound-card-header sound-card-header-tight">
        <h3 id={ids.heading} className="sound-card-title">
          Repaint part of {asset.name}
        </h3>
        <button type="button" className="icon-button" aria-label="Close repaint" title="Close (the picture is unchanged)" onClick={onClose}>
          <X aria-hidden="true" size={16} />
        </button>
      </header>
      <div className="field">
        <label className="field-label" htmlFor={ids.prompt}>
          What goes in the painted area
        </label>
        <input
          id={ids.prompt}
          className="text-input"
          maxLength={1000}
          placeholder="e.g. a red kite in the sky"
          value={prompt}
          onChange={(event) => setPrompt(event.target.value)}
        />
      </div>
      {picture.status === 'ready' && asset.width && asset.height ? (
        <MaskPainter imageUrl={picture.url} imageAlt={asset.name} width={asset.width} height={asset.height} footer={footer} />
      ) : (
        <p className="inline-field-note">{picture.status === 'failed' ? 'The picture could not be loaded.' : 'Loading the picture…'}</p>
      )}
    </section>
  );
}
