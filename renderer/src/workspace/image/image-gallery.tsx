import { Clapperboard, Dices, ImageIcon, SlidersHorizontal, Wand2 } from 'lucide-react';
import { useId } from 'react';
import type { Asset } from '../../../../preload/contract.js';
import { AssetThumbnail } from '../../components/asset-thumbnail.js';
import { imageFacts, isGenerated } from './image-facts.js';

interface ImageGalleryProps {
  images: Asset[] | null;
  selectedId: string | null;
  busy: boolean;
  onSelect(asset: Asset): void;
  onVary(asset: Asset): void;
  onReuse(asset: Asset): void;
  onEdit(asset: Asset): void;
  onSendToStoryboard(asset: Asset): void;
}

/** The project's pictures, newest first, each with how it was made and what can be done with it. */
export function ImageGallery({ images, selectedId, busy, onSelect, onVary, onReuse, onEdit, onSendToStoryboard }: ImageGalleryProps) {
  const heading = useId();
  const count = images?.length ?? 0;
  return (
    <section className="sound-card" aria-labelledby={heading}>
      <header className="sound-card-header sound-card-header-tight">
        <h3 id={heading} className="sound-card-title">
          Gallery
          {count > 0 ? <span className="count-badge">{count}</span> : null}
        </h3>
      </header>
      {images === null ? null : count === 0 ? (
        <div className="notice">
          <ImageIcon aria-hidden="true" size={16} />
          <p>Pictures you make or import appear here, with the settings that made them.</p>
        </div>
      ) : (
        <ul className="image-gallery" aria-label="Images">
          {images.map((asset) => {
            const prompt = asset.origin.prompt?.trim();
            return (
              <li key={asset.id} className="image-card" data-selected={asset.id === selectedId || undefined} aria-label={asset.name}>
                <button type="button" className="image-card-picture" onClick={() => onSelect(asset)} aria-label={`Show ${asset.name} in the inspector`}>
                  <AssetThumbnail asset={asset} className="image-card-thumb" iconSize={24} />
                </button>
                <div className="image-card-body">
                  <p className="image-card-name" title={asset.name}>
                    {asset.name}
                  </p>
                  <p className="image-card-facts">{imageFacts(asset).join(' · ')}</p>
                  {prompt ? (
                    <p className="image-card-prompt" title={prompt}>
                      {prompt}
                    </p>
                  ) : null}
                </div>
                <div className="image-card-actions">
                  <button
                    type="button"
                    className="button button-small"
                    disabled={busy || !isGenerated(asset)}
                    title={isGenerated(asset) ? 'Same settings, a new seed' : 'Only generated pictures can be varied'}
                    onClick={() => onVary(asset)}
                  >
                    <Dices aria-hidden="true" size={14} />
                    Vary
                  </button>
                  <button type="button" className="button button-small" title="Put this picture's settings in the form" onClick={() => onReuse(asset)}>
                    <Wand2 aria-hidden="true" size={14} />
                    Reuse settings
                  </button>
                  <button type="button" className="button button-small" onClick={() => onEdit(asset)}>
                    <SlidersHorizontal aria-hidden="true" size={14} />
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    title="Add a scene at the end of the storyboard with this picture"
                    aria-label={`Send ${asset.name} to storyboard`}
                    onClick={() => onSendToStoryboard(asset)}
                  >
                    <Clapperboard aria-hidden="true" size={14} />
                    Send to storyboard
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
