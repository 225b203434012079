import { Download, ExternalLink, Trash2 } from 'lucide-react';
import { type CatalogModel, type InstalledModel } from '../../../../preload/contract.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { Dialog } from '../../components/dialog.js';
import { formatBytes } from '../../../../preload/human-units.js';
import { MiB, sizeLabel } from './catalog-card.js';
import { KokoroVoices } from './kokoro-voices.js';

export function InstalledRow({ model, onUse, onRemove }: { model: InstalledModel; onUse(): void; onRemove(): void }) {
  const source =
    model.source === 'catalog' ? 'From the catalog' : model.source === 'url' ? 'Downloaded by address' : model.owned ? 'Imported' : 'Referenced in place';
  return (
    <li className="installed-row" aria-label={model.name} data-active={model.active || undefined}>
      <span className="installed-text">
        <span className="installed-name">
          {model.name}
          {model.active ? <span className="badge badge-accent">Active</span> : null}
        </span>
        <span className="installed-facts">{[formatBytes(model.size), source, model.licence ?? 'Licence unknown'].join(' · ')}</span>
      </span>
      <span className="installed-actions">
        {model.active ? null : (
          <button type="button" className="button button-small" aria-label={`Use ${model.name}`} onClick={onUse}>
            Use
          </button>
        )}
        <button type="button" className="button button-small button-ghost" aria-label={`Remove ${model.name}`} onClick={onRemove}>
          <Trash2 aria-hidden="true" size={14} />
          Remove
        </button>
      </span>
      {model.format === 'kokoro' ? <KokoroVoices modelId={model.id} /> : null}
    </li>
  );
}

export function DownloadDialog({ model, destination, onConfirm, onClose }: { model: CatalogModel; destination: string; onConfirm(): void; onClose(): void }) {
  return (
    <Dialog title={`Download ${sizeLabel(model)} under ${model.licence}?`} description={`${model.name} will be saved in ${destination}.`} onClose={onClose}>
      <div className="download-terms">
        <p>
          By downloading you accept its licence,{' '}
          <a href={model.licenceUrl} target="_blank" rel="noreferrer noopener">
            {model.licence}
            <ExternalLink aria-hidden="true" size={12} />
          </a>
          . It needs about {formatBytes(model.ramMb * MiB)} of memory to run.
        </p>
        {model.notes ? <p className="catalog-card-note">{model.notes}</p> : null}
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-ghost" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-primary" data-autofocus onClick={onConfirm}>
          <Download aria-hidden="true" size={15} />
          Download
        </button>
      </div>
    </Dialog>
  );
}

export function RemoveDialog({ model, onConfirm, onClose }: { model: InstalledModel; onConfirm(): Promise<void>; onClose(): void }) {
  return (
    <ConfirmDialog
      title={`Remove ${model.name}?`}
      description={
        model.owned
          ? `Its files (${formatBytes(model.size)}) are deleted from the models folder. You can download or import it again later.`
          : 'Atelier forgets it; the file stays where it is.'
      }
      action="Remove"
      busyAction="Removing…"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
