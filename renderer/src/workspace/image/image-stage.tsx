import { ImagePlus } from 'lucide-react';
import type { Asset } from '../../../../preload/contract.js';
import type { ImageJobRun } from './use-image-jobs.js';
import { useAssetUrl } from '../../state/use-asset-url.js';

/** The preview: a running job's progress and live picture, else the latest picture, else a placeholder. */
export function ImageStage({ generating, shown }: { generating: ImageJobRun | null; shown: Asset | null }) {
  return (
    <section className="sound-card image-stage" aria-label="Preview">
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
      <figcaption>{asset.name}</figcaption>
    </figure>
  ) : null;
}
