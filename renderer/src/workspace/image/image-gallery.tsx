import { Clapperboard, Dices, ImageIcon, SlidersHorizontal, Wand2 } from 'lucide-react';
import { memo, useId } from 'react';
import type { Asset } from '../../../../preload/contract.js';
import { AssetThumbnail } from '../../components/asset-thumbnail.js';
import { VirtualGrid } from '../../components/virtual-grid.js';
import { useStableHandlers } from '../../state/use-stable-handlers.js';
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
export function ImageGallery({ images, selectedId, busy, ...callbacks }: ImageGalleryProps) {
  const heading = useId();
  const actions = useStableHandlers<CardActions>(callbacks);
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
        <VirtualGrid items={images} label="Images" minColumnWidth={220} gap={16} estimateRowHeight={330}>
          {(asset, index, total, tabbable) => (
            <ImageCard
              key={asset.id}
              asset={asset}
              index={index}
              total={total}
              tabbable={tabbable}
              selected={asset.id === selectedId}
              busy={busy}
              actions={actions}
            />
          )}
        </VirtualGrid>
      )}
    </section>
  );
}

type CardActions = Pick<ImageGalleryProps, 'onSelect' | 'onVary' | 'onReuse' | 'onEdit' | 'onSendToStoryboard'>;

interface ImageCardProps {
  asset: Asset;
  index: number;
  total: number;
  /** The grid's one Tab stop: only this card's buttons are in the Tab order. */
  tabbable: boolean;
  selected: boolean;
  busy: boolean;
  actions: CardActions;
}

const ImageCard = memo(function ImageCard({ asset, index, total, tabbable, selected, busy, actions }: ImageCardProps) {
  const prompt = asset.origin.prompt?.trim();
  const tabIndex = tabbable ? 0 : -1;
  return (
    <div
      role="listitem"
      className="image-card"
      data-selected={selected || undefined}
      aria-label={asset.name}
      aria-posinset={index + 1}
      aria-setsize={total}
      data-grid-index={index}
    >
      <button
        type="button"
        tabIndex={tabIndex}
        className="image-card-picture"
        onClick={() => actions.onSelect(asset)}
        aria-label={`Show ${asset.name} in the inspector`}
      >
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
          tabIndex={tabIndex}
          className="button button-small"
          disabled={busy || !isGenerated(asset)}
          title={isGenerated(asset) ? 'Same settings, a new seed' : 'Only generated pictures can be varied'}
          onClick={() => actions.onVary(asset)}
        >
          <Dices aria-hidden="true" size={14} />
          Vary
        </button>
        <button
          type="button"
          tabIndex={tabIndex}
          className="button button-small"
          title="Put this picture's settings in the form"
          onClick={() => actions.onReuse(asset)}
        >
          <Wand2 aria-hidden="true" size={14} />
          Reuse settings
        </button>
        <button type="button" tabIndex={tabIndex} className="button button-small" onClick={() => actions.onEdit(asset)}>
          <SlidersHorizontal aria-hidden="true" size={14} />
          Edit
        </button>
        <button
          type="button"
          tabIndex={tabIndex}
          className="button button-small"
          title="Add a scene at the end of the storyboard with this picture"
          aria-label={`Send ${asset.name} to storyboard`}
          onClick={() => actions.onSendToStoryboard(asset)}
        >
          <Clapperboard aria-hidden="true" size={14} />
          Send to storyboard
        </button>
      </div>
    </div>
  );
});
