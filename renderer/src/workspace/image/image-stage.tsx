import { ImagePlus } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { Asset } from '../../../../preload/contract.js';
import { AssetThumbnail } from '../../components/asset-thumbnail.js';
import type { ImageJobRun } from './use-image-jobs.js';
import { useAssetUrl } from '../../state/use-asset-url.js';

interface ImageStageProps {
  generating: ImageJobRun | null;
  shown: Asset | null;
  /** The latest pictures, newest first: the history strip under the result. */
  recent: readonly Asset[];
  onShow(asset: Asset): void;
}

/** The result: a running job's progress and live picture, else the picture chosen in the strip (the latest by default), else a placeholder. */
export function ImageStage({ generating, shown, recent, onShow }: ImageStageProps) {
  const stage = useRef<HTMLElement>(null);
  const running = generating !== null;
  // A run starting, or its picture arriving, brings the result into view (a narrow window stacks it under the form).
  useEffect(() => {
    stage.current?.scrollIntoView?.({ block: 'nearest' });
  }, [running, shown?.id]);
  return (
    <section ref={stage} className="sound-card image-stage" aria-label="Result" id="image-result" tabIndex={-1}>
      {generating ? (
        <div className="image-progress" role="status" aria-live="polite">
          <div className="progress" data-indeterminate={generating.progress === null || undefined} aria-hidden="true">
            <div className="progress-fill" style={{ width: `${Math.round((generating.progress ?? 0) * 100)}%` }} />
          </div>
          <span>{generating.detail ?? 'Starting…'}</span>
        </div>
      ) : null}
      {generating?.preview ? (
        <img className="image-stage-picture" src={generating.preview} alt="Live preview of the picture being made" />
      ) : shown ? (
        <LatestPicture asset={shown} />
      ) : (
        <div className="image-stage-empty">
          <ImagePlus aria-hidden="true" size={28} />
          <p>Your picture appears here.</p>
        </div>
      )}
      {recent.length > 1 ? (
        <ul className="image-history" aria-label="Recent pictures">
          {recent.map((asset) => (
            <li key={asset.id}>
              <button
                type="button"
                className="image-history-item"
                aria-pressed={asset.id === shown?.id}
                aria-label={`Show ${asset.name}`}
                title={asset.name}
                onClick={() => onShow(asset)}
              >
                <AssetThumbnail asset={asset} iconSize={14} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function LatestPicture({ asset }: { asset: Asset }) {
  const state = useAssetUrl(asset.id, 'file');
  return state.status === 'ready' ? (
    <figure className="image-stage-figure">
      <img
        className="image-stage-picture"
        src={state.url}
        alt={asset.origin.prompt ? `Latest picture: ${asset.origin.prompt}` : `Latest picture: ${asset.name}`}
      />
      <figcaption title={asset.name}>{asset.name}</figcaption>
    </figure>
  ) : null;
}
