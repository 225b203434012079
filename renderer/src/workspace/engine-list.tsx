import { AudioLines, Image, PenLine, Speaker, type LucideIcon } from 'lucide-react';
import type { EngineInfo } from '../../../preload/contract.js';
import type { AppInfoState } from '../state/use-app-info.js';

type Modality = EngineInfo['modality'];

export const MODALITY_ICONS: Record<Modality, LucideIcon> = {
  text: PenLine,
  image: Image,
  voice: AudioLines,
  sound: Speaker,
};

const MODALITY_LABELS: Record<Modality, string> = {
  text: 'Text',
  image: 'Image',
  voice: 'Voice',
  sound: 'Sound',
};

export function enginesFor(info: AppInfoState['info'], modalities: readonly Modality[]): EngineInfo[] {
  return (info?.engines ?? []).filter((engine) => modalities.includes(engine.modality));
}

/** Loading and failure look the same everywhere an engine list appears. */
export function EngineListStatus({ appInfo }: { appInfo: AppInfoState }) {
  if (appInfo.info) return null;
  if (appInfo.loadError) {
    return (
      <div className="notice notice-error">
        <p>The engine list could not be loaded: {appInfo.loadError}</p>
        <button type="button" className="button button-small" onClick={() => void appInfo.reload()}>
          Try again
        </button>
      </div>
    );
  }
  return <p className="muted">Checking which engines this install can run…</p>;
}

export function EngineList({ engines, label }: { engines: EngineInfo[]; label: string }) {
  if (engines.length === 0) return <p className="muted">No {label.toLowerCase()} are part of this install yet.</p>;
  return (
    <ul className="engine-list" aria-label={label}>
      {engines.map((engine) => (
        <EngineCard key={engine.id} engine={engine} />
      ))}
    </ul>
  );
}

function EngineCard({ engine }: { engine: EngineInfo }) {
  const Icon = MODALITY_ICONS[engine.modality];
  return (
    <li className="engine-card" data-available={engine.available}>
      <span className="engine-icon">
        <Icon aria-hidden="true" size={16} strokeWidth={1.75} />
      </span>
      <span className="engine-text">
        <span className="engine-name">
          {engine.name}
          <span className="engine-modality">{MODALITY_LABELS[engine.modality]}</span>
        </span>
        <span className="engine-reason">{engine.reason ?? (engine.available ? 'Ready to use.' : 'Needs a model.')}</span>
      </span>
      <span className={engine.available ? 'badge badge-success' : 'badge badge-muted'}>{engine.available ? 'Available' : 'Unavailable'}</span>
    </li>
  );
}
