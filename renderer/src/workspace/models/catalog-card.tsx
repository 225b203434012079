import { Download, ExternalLink, RotateCcw, X } from 'lucide-react';
import { fitVerdict, type CatalogModel, type FitVerdict, type Job } from '../../../../preload/contract.js';
import { formatBytes } from '../../../../preload/human-units.js';
import { formatEta } from '../../format/eta.js';
import { isActive } from '../../state/job-store.js';

const VERDICTS: Record<FitVerdict, { label: string; className: string }> = {
  fits: { label: 'Fits', className: 'badge badge-success' },
  tight: { label: 'Tight', className: 'badge badge-warning' },
  'too-large': { label: 'Too large', className: 'badge badge-danger' },
};

export const MiB = 1024 * 1024;

export function sizeLabel(model: CatalogModel): string {
  return `${model.totalSizeApproximate ? 'about ' : ''}${formatBytes(model.totalSize)}`;
}

function VerdictBadge({ ramMb, ramBytes }: { ramMb: number; ramBytes: number }) {
  if (!(ramBytes > 0)) return null;
  const verdict = VERDICTS[fitVerdict(ramMb, ramBytes)];
  return (
    <span className={verdict.className} title={`Needs ${formatBytes(ramMb * MiB)} of this computer’s ${formatBytes(ramBytes)}`}>
      {verdict.label}
    </span>
  );
}

interface CatalogCardProps {
  model: CatalogModel;
  ramBytes: number;
  job: Job | undefined;
  onDownload(): void;
  onRetry(): void;
  onCancel(job: Job): void;
}

export function CatalogCard({ model, ramBytes, job, onDownload, onRetry, onCancel }: CatalogCardProps) {
  const details = [model.parameters, model.quantization, model.languages?.join(', ')].filter(Boolean).join(' · ');
  return (
    <li className="catalog-card" aria-label={model.name} data-installed={model.installed || undefined}>
      <div className="catalog-card-head">
        <span className="catalog-card-name">{model.name}</span>
        <VerdictBadge ramMb={model.ramMb} ramBytes={ramBytes} />
      </div>
      <p className="catalog-card-description">{model.description}</p>
      <dl className="catalog-facts">
        <div>
          <dt>Size</dt>
          <dd>{sizeLabel(model)}</dd>
        </div>
        <div>
          <dt>RAM needed</dt>
          <dd>{formatBytes(model.ramMb * MiB)}</dd>
        </div>
        <div>
          <dt>Licence</dt>
          <dd>
            <a
              className="licence-link"
              href={model.licenceUrl}
              target="_blank"
              rel="noreferrer noopener"
              aria-label={`Licence of ${model.name}: ${model.licence} (opens in your browser)`}
            >
              {model.licence}
              <ExternalLink aria-hidden="true" size={12} />
            </a>
          </dd>
        </div>
        {details ? (
          <div>
            <dt>Details</dt>
            <dd>{details}</dd>
          </div>
        ) : null}
      </dl>
      {model.notes ? <p className="catalog-card-note">{model.notes}</p> : null}
      <div className="catalog-card-action">
        <CardAction model={model} job={job} onDownload={onDownload} onRetry={onRetry} onCancel={onCancel} />
      </div>
    </li>
  );
}

function CardAction({ model, job, onDownload, onRetry, onCancel }: Omit<CatalogCardProps, 'ramBytes'>) {
  if (model.installed) {
    return <span className="badge badge-success">Installed</span>;
  }
  if (job && isActive(job)) {
    const percent = job.progress === null ? null : Math.round(job.progress * 100);
    const facts = [job.state === 'queued' ? 'Waiting for another download' : job.detail, job.etaSeconds !== undefined ? formatEta(job.etaSeconds) : null]
      .filter(Boolean)
      .join(' · ');
    return (
      <div className="download-progress">
        <div className="download-progress-row">
          <div
            className="progress"
            role="progressbar"
            aria-label={`Downloading ${model.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            aria-valuetext={percent === null ? 'Starting' : `${percent}%`}
            data-indeterminate={(percent === null && job.state === 'running') || undefined}
          >
            {percent === null && job.state === 'queued' ? null : (
              <div className="progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
            )}
          </div>
          <span className="download-percent">{percent === null ? '' : `${percent}%`}</span>
          <button type="button" className="button button-small button-ghost" aria-label={`Cancel download of ${model.name}`} onClick={() => onCancel(job)}>
            <X aria-hidden="true" size={14} />
            Cancel
          </button>
        </div>
        <span className="download-facts">{facts || 'Starting…'}</span>
      </div>
    );
  }
  if (job?.state === 'failed') {
    return (
      <div className="download-failed">
        <p className="download-error">Download failed: {job.error?.message ?? 'no reason was given.'}</p>
        <button type="button" className="button button-small" aria-label={`Retry download of ${model.name}`} onClick={onRetry}>
          <RotateCcw aria-hidden="true" size={14} />
          Retry
        </button>
      </div>
    );
  }
  return (
    <>
      {job?.state === 'cancelled' ? <span className="download-facts">Cancelled. What arrived is kept, so it resumes.</span> : null}
      <button type="button" className="button button-small button-primary" aria-label={`Download ${model.name}`} onClick={onDownload}>
        <Download aria-hidden="true" size={14} />
        Download
      </button>
    </>
  );
}
