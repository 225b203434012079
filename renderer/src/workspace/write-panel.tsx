import { Boxes, PenLine } from 'lucide-react';
import { EmptyState } from '../components/empty-state.js';
import type { AppInfoState } from '../state/use-app-info.js';
import { EngineList, EngineListStatus, enginesFor } from './engine-list.js';

export function WritePanel({ appInfo, onOpenModels }: { appInfo: AppInfoState; onOpenModels(): void }) {
  const engines = enginesFor(appInfo.info, ['text']);
  const ready = engines.find((engine) => engine.available);
  const openModels = (
    <button type="button" className="button button-primary" onClick={onOpenModels}>
      <Boxes aria-hidden="true" size={15} />
      Open Models
    </button>
  );
  return (
    <>
      {appInfo.info ? (
        ready ? (
          <EmptyState icon={PenLine} title="A text model is ready" actions={openModels}>
            <p>
              {ready.name} can write on this computer. The editor for drafts, scripts and lesson notes arrives with the
              Write feature.
            </p>
          </EmptyState>
        ) : (
          <EmptyState icon={PenLine} title="Writing needs a text model" actions={openModels}>
            <p>
              Atelier writes with a language model that runs on this computer, so nothing you write leaves it. Models shows
              which engines are installed and what each one still needs.
            </p>
          </EmptyState>
        )
      ) : (
        <EngineListStatus appInfo={appInfo} />
      )}
      {appInfo.info ? (
        <div className="panel-section">
          <h3 className="section-title">Text engines</h3>
          <EngineList engines={engines} label="Text engines" />
        </div>
      ) : null}
    </>
  );
}
