import { Info } from 'lucide-react';
import type { AppInfoState } from '../state/use-app-info.js';
import { EngineList, EngineListStatus, enginesFor, MODALITY_LABELS, type Modality } from './engine-list.js';

const MODALITIES: readonly Modality[] = ['text', 'image', 'voice', 'sound'];

export function ModelsPanel({ appInfo }: { appInfo: AppInfoState }) {
  const info = appInfo.info;
  if (!info) return <EngineListStatus appInfo={appInfo} />;
  const available = info.engines.filter((engine) => engine.available).length;
  return (
    <>
      <div className="notice">
        <Info aria-hidden="true" size={16} />
        <p>
          {available} of {info.engines.length} engines can run now. The model catalog and downloads arrive with the Models
          feature; models will be stored in <code>{info.dataFolder}</code>.
        </p>
      </div>
      {MODALITIES.map((modality) => (
        <div key={modality} className="panel-section">
          <h3 className="section-title">{MODALITY_LABELS[modality]}</h3>
          <EngineList engines={enginesFor(info, [modality])} label={`${MODALITY_LABELS[modality]} engines`} />
        </div>
      ))}
    </>
  );
}
