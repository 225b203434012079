import type { LucideIcon } from 'lucide-react';
import { EmptyState } from '../components/empty-state.js';
import type { AppInfoState } from '../state/use-app-info.js';
import { EngineList, EngineListStatus, enginesFor, MODALITY_LABELS, type Modality } from './engine-list.js';

interface ModalityPanelProps {
  appInfo: AppInfoState;
  modalities: readonly Modality[];
  icon: LucideIcon;
  title: string;
  /** What the coming feature will do here, said plainly. */
  upcoming: string;
}

/** Image and Voice share a shape until their generators arrive: what can run, and what is coming. */
export function ModalityPanel({ appInfo, modalities, icon, title, upcoming }: ModalityPanelProps) {
  const engines = enginesFor(appInfo.info, modalities);
  const ready = engines.filter((engine) => engine.available).length;
  if (!appInfo.info) return <EngineListStatus appInfo={appInfo} />;
  return (
    <>
      <EmptyState icon={icon} title={title}>
        <p>
          {engines.length === 0
            ? 'This install has no engines for this yet.'
            : ready === 0
              ? 'None of these engines can run yet.'
              : `${ready} of ${engines.length} ${engines.length === 1 ? 'engine is' : 'engines are'} ready on this computer.`}{' '}
          {upcoming}
        </p>
      </EmptyState>
      {modalities.map((modality) => (
        <div key={modality} className="panel-section">
          <h3 className="section-title">{MODALITY_LABELS[modality]} engines</h3>
          <EngineList engines={enginesFor(appInfo.info, [modality])} label={`${MODALITY_LABELS[modality]} engines`} />
        </div>
      ))}
    </>
  );
}
