import { MousePointerClick, PenLine } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Asset, ProjectSummary } from '../../../preload/contract.js';
import { formatBytes } from '../../../preload/human-units.js';
import { formatDuration } from '../format/duration.js';
import { formatDateTime } from '../format/dates.js';
import { AssetThumbnail } from '../components/asset-thumbnail.js';

const KIND_LABELS: Record<Asset['kind'], string> = {
  image: 'Image',
  audio: 'Audio',
  text: 'Text',
  video: 'Video',
  other: 'Other file',
};

interface InspectorProps {
  project: ProjectSummary | null;
  asset: Asset | null;
  /** Loads a text asset into the Write tab and shows it. */
  onOpenInWrite?(asset: Asset): void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="prop-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function Inspector({ project, asset, onOpenInWrite }: InspectorProps) {
  return (
    <aside className="inspector" aria-label="Inspector">
      {project ? (
        <section className="inspector-section" aria-labelledby="inspector-project">
          <h2 id="inspector-project" className="inspector-heading">
            Project
          </h2>
          <dl className="prop-list">
            <Row label="Title">{project.title}</Row>
            <Row label="Folder">
              <span className="path" title={project.path}>
                {project.path}
              </span>
            </Row>
            <Row label="Created">{formatDateTime(project.createdAt)}</Row>
            <Row label="Updated">{formatDateTime(project.updatedAt)}</Row>
            <Row label="Assets">{project.assetCount}</Row>
            <Row label="Scenes">{project.sceneCount}</Row>
          </dl>
        </section>
      ) : (
        <section className="inspector-section" aria-labelledby="inspector-project">
          <h2 id="inspector-project" className="inspector-heading">
            Project
          </h2>
          <p className="inspector-empty">No project is open. Its details appear here once you open or create one.</p>
        </section>
      )}

      {project ? (
        <section className="inspector-section" aria-labelledby="inspector-asset">
          <h2 id="inspector-asset" className="inspector-heading">
            Asset
          </h2>
          {asset ? <AssetDetails asset={asset} onOpenInWrite={onOpenInWrite} /> : <NoAssetSelected />}
        </section>
      ) : null}
    </aside>
  );
}

function NoAssetSelected() {
  return (
    <div className="inspector-empty inspector-empty-icon">
      <MousePointerClick aria-hidden="true" size={18} strokeWidth={1.5} />
      <p>Select an asset in the sidebar to see how it was made.</p>
    </div>
  );
}

function AssetDetails({ asset, onOpenInWrite }: { asset: Asset; onOpenInWrite?: ((asset: Asset) => void) | undefined }) {
  const origin = asset.origin;
  return (
    <>
      {asset.kind === 'text' && onOpenInWrite ? (
        <button type="button" className="button button-small inspector-action" onClick={() => onOpenInWrite(asset)}>
          <PenLine aria-hidden="true" size={14} />
          Open in Write
        </button>
      ) : null}
      {asset.kind === 'image' ? <AssetThumbnail asset={asset} variant="file" className="inspector-preview" iconSize={28} fitShape /> : null}
      <dl className="prop-list">
        <Row label="Name">{asset.name}</Row>
        <Row label="Kind">{KIND_LABELS[asset.kind]}</Row>
        <Row label="Size">{formatBytes(asset.size)}</Row>
        <Row label="Type">{asset.mime}</Row>
        {asset.width && asset.height ? (
          <Row label="Dimensions">
            {asset.width} × {asset.height} px
          </Row>
        ) : null}
        {origin.durationMs !== undefined ? (
          // A clip's durationMs is how long it plays; a picture's or a text's is how long it took to make.
          <Row label={asset.kind === 'audio' || asset.kind === 'video' ? 'Duration' : 'Took'}>{formatDuration(origin.durationMs / 1000)}</Row>
        ) : null}
        <Row label="Made by">{origin.engine === 'import' ? 'Imported' : origin.engine}</Row>
        {origin.sourceName ? <Row label="Original">{origin.sourceName}</Row> : null}
        {origin.model ? <Row label="Model">{origin.model}</Row> : null}
        {origin.prompt ? <Row label="Prompt">{origin.prompt}</Row> : null}
        {origin.seed !== undefined ? <Row label="Seed">{origin.seed}</Row> : null}
        <Row label="Created">{formatDateTime(asset.createdAt)}</Row>
      </dl>
    </>
  );
}
