import { Binary, Ear, Maximize2, Upload, type LucideIcon } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { fitVerdict, type CatalogModel, type InstalledModel, type Job, type ModelModality } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { useNotify } from '../../state/notifications.js';
import type { AppInfoState } from '../../state/use-app-info.js';
import { type JobsState } from '../../state/use-jobs.js';
import { useModels } from './use-models.js';
import { EngineList, EngineListStatus, MODALITY_ICONS } from '../engine-list.js';
import { HardwareCard } from './hardware-card.js';
import { InstalledRow, DownloadDialog, RemoveDialog } from './model-rows.js';
import { CatalogCard } from './catalog-card.js';

const MODALITIES: readonly ModelModality[] = ['text', 'image', 'voice', 'upscaler', 'embedding', 'speech-to-text'];
/** The engine icons, and one each for upscalers, embedding and transcription models (no engine modality of their own). */
const MODEL_ICONS: Record<ModelModality, LucideIcon> = { ...MODALITY_ICONS, upscaler: Maximize2, embedding: Binary, 'speech-to-text': Ear };
const MODALITY_NAMES: Record<ModelModality, string> = {
  text: 'Text',
  image: 'Image',
  voice: 'Voice',
  upscaler: 'Upscale',
  embedding: 'Embeddings',
  'speech-to-text': 'Transcribe',
};
/** What a model of each modality is called in a sentence. */
const MODALITY_NOUNS: Record<ModelModality, string> = {
  text: 'text models',
  image: 'image models',
  voice: 'voices',
  upscaler: 'upscalers',
  embedding: 'embedding models',
  'speech-to-text': 'transcription models',
};
const IMPORT_HINTS: Record<ModelModality, string> = {
  text: 'a .gguf file',
  image: 'a diffusers ONNX folder',
  voice: 'a Piper .onnx voice',
  upscaler: 'a Real-ESRGAN-style .onnx upscaler',
  embedding: 'a .gguf embedding model (BERT, nomic-bert…)',
  'speech-to-text': 'a sherpa-onnx Whisper folder',
};

type SizeFilter = 'all' | 'fits' | 'under-1gb' | 'under-5gb';
type SortOrder = 'smallest' | 'largest' | 'name';

const SIZE_FILTERS: Record<SizeFilter, string> = {
  all: 'All sizes',
  fits: 'Fits this computer',
  'under-1gb': 'Under 1 GB',
  'under-5gb': 'Under 5 GB',
};
const SORT_ORDERS: Record<SortOrder, string> = { smallest: 'Smallest first', largest: 'Largest first', name: 'Name' };

interface ModelsPanelProps {
  appInfo: AppInfoState;
  jobs: JobsState;
}

type Confirm = { kind: 'download'; model: CatalogModel } | { kind: 'remove'; model: InstalledModel };

export function ModelsPanel({ appInfo, jobs }: ModelsPanelProps) {
  const client = useClient();
  const { api } = client;
  const notify = useNotify();
  const models = useModels();
  const [modality, setModality] = useState<ModelModality>('text');
  const [sizeFilter, setSizeFilter] = useState<SizeFilter>('all');
  const [sort, setSort] = useState<SortOrder>('smallest');
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  /** The download job started from each catalog card, by catalog id. */
  const [downloadJobs, setDownloadJobs] = useState<ReadonlyMap<string, string>>(new Map());
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const idBase = useId();

  const ramBytes = models.hardware?.ramBytes ?? 0;
  const modelsFolder = appInfo.info ? `${appInfo.info.dataFolder}/models` : 'Atelier’s models folder';

  /** The card's latest download, unless it finished: then the catalog's `installed` says the rest (a removed model can be fetched again). */
  function jobFor(model: CatalogModel): Job | undefined {
    const id = downloadJobs.get(model.id);
    // After a reload the card finds its download again by its title.
    const job =
      (id ? jobs.jobs.find((j) => j.id === id) : undefined) ??
      jobs.jobs.filter((j) => j.kind === 'model.download' && j.title === `Download ${model.name}`).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    return job?.state === 'done' ? undefined : job;
  }

  async function startDownload(model: CatalogModel) {
    setConfirm(null);
    try {
      const { jobId } = await api.models.download({ catalogId: model.id });
      setDownloadJobs((current) => new Map(current).set(model.id, jobId));
    } catch (error) {
      notify.error(error, `download ${model.name}`);
    }
  }

  async function use(model: InstalledModel) {
    try {
      await api.models.use({ id: model.id });
      await models.refresh();
    } catch (error) {
      notify.error(error, `use ${model.name}`);
    }
  }

  async function remove(model: InstalledModel) {
    try {
      await api.models.remove({ id: model.id });
      setConfirm(null);
      notify.success(`Removed ${model.name}`, model.owned ? 'Its files were deleted.' : 'The file stays where it was.');
      await models.refresh();
    } catch (error) {
      notify.error(error, `remove ${model.name}`);
    }
  }

  async function importModels(files?: File[]) {
    setImporting(true);
    try {
      const ids = await client.importModelFiles(files);
      if (ids.length > 0) notify.info('Checking the model', 'The import shows its progress in the jobs tray.');
    } catch (error) {
      notify.error(error, 'import the model');
    } finally {
      setImporting(false);
    }
  }

  function startImport() {
    if (importing) return;
    if (client.host === 'web') fileInput.current?.click();
    else void importModels();
  }

  const catalog = (models.catalog ?? [])
    .filter((model) => model.modality === modality)
    .filter((model) => {
      if (sizeFilter === 'fits') return fitVerdict(model.ramMb, ramBytes) === 'fits';
      if (sizeFilter === 'under-1gb') return model.totalSize < 1e9;
      if (sizeFilter === 'under-5gb') return model.totalSize < 5e9;
      return true;
    })
    .sort((a, b) => (sort === 'name' ? a.name.localeCompare(b.name) : sort === 'largest' ? b.totalSize - a.totalSize : a.totalSize - b.totalSize));
  const installed = (models.installed ?? []).filter((model) => model.modality === modality);
  const countOf = (m: ModelModality) => (models.catalog ?? []).filter((model) => model.modality === m).length;

  return (
    <>
      <HardwareCard hardware={models.hardware} modelsFolder={modelsFolder} />

      <div className="models-toolbar">
        <div className="segmented" role="radiogroup" aria-label="Modality">
          {MODALITIES.map((m) => {
            const Icon = MODEL_ICONS[m];
            return (
              <label key={m} className="segment">
                <input type="radio" name={`${idBase}-modality`} value={m} checked={modality === m} onChange={() => setModality(m)} />
                <Icon aria-hidden="true" size={14} />
                {MODALITY_NAMES[m]}
                <span className="segment-count" aria-hidden="true">
                  {models.catalog ? countOf(m) : ''}
                </span>
              </label>
            );
          })}
        </div>
        <div className="models-toolbar-end">
          <label className="select-field">
            <span className="visually-hidden">Show</span>
            <select className="select" aria-label="Show sizes" value={sizeFilter} onChange={(e) => setSizeFilter(e.target.value as SizeFilter)}>
              {Object.entries(SIZE_FILTERS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="select-field">
            <span className="visually-hidden">Sort</span>
            <select className="select" aria-label="Sort models" value={sort} onChange={(e) => setSort(e.target.value as SortOrder)}>
              {Object.entries(SORT_ORDERS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={startImport} aria-disabled={importing || undefined}>
            <Upload aria-hidden="true" size={15} />
            {importing ? 'Importing…' : 'Import model…'}
          </button>
        </div>
      </div>

      {models.loadError && !models.catalog ? (
        <div className="notice notice-error">
          <p>The models could not be loaded: {models.loadError}</p>
          <button type="button" className="button button-small" onClick={() => void models.refresh()}>
            Try again
          </button>
        </div>
      ) : null}

      <section className="panel-section" aria-labelledby={`${idBase}-installed`}>
        <h3 className="section-title" id={`${idBase}-installed`}>
          Installed {MODALITY_NOUNS[modality]}
        </h3>
        {models.installed === null ? (
          <p className="muted">Reading the models folder…</p>
        ) : installed.length === 0 ? (
          <div className="models-empty">
            <p>
              No {MODALITY_NOUNS[modality]} installed yet. Download one below, or press <strong>Import model…</strong> to add {IMPORT_HINTS[modality]} you
              already have.
            </p>
          </div>
        ) : (
          <ul className="installed-list" aria-label={`Installed ${MODALITY_NOUNS[modality]}`}>
            {installed.map((model) => (
              <InstalledRow key={model.id} model={model} onUse={() => void use(model)} onRemove={() => setConfirm({ kind: 'remove', model })} />
            ))}
          </ul>
        )}
      </section>

      <section className="panel-section" aria-labelledby={`${idBase}-catalog`}>
        <h3 className="section-title" id={`${idBase}-catalog`}>
          Available to download
        </h3>
        {models.catalog === null ? (
          <p className="muted">Reading the catalog…</p>
        ) : catalog.length === 0 ? (
          <div className="models-empty">
            <p>
              {countOf(modality) === 0
                ? `The catalog has no ${MODALITY_NOUNS[modality]} yet. Import one you already have with Import model….`
                : `No ${MODALITY_NOUNS[modality]} match “${SIZE_FILTERS[sizeFilter]}”. Choose All sizes to see them all.`}
            </p>
          </div>
        ) : (
          <ul className="catalog-grid" aria-label={`${MODALITY_NAMES[modality]} models to download`}>
            {catalog.map((model) => (
              <CatalogCard
                key={model.id}
                model={model}
                ramBytes={ramBytes}
                job={jobFor(model)}
                onDownload={() => setConfirm({ kind: 'download', model })}
                onRetry={() => void startDownload(model)}
                onCancel={(job) => void jobs.cancel(job)}
              />
            ))}
          </ul>
        )}
      </section>

      <details className="panel-section engines-overview">
        <summary className="section-title">
          Engines
          {appInfo.info ? ` · ${appInfo.info.engines.filter((e) => e.available).length} of ${appInfo.info.engines.length} can run now` : ''}
        </summary>
        {appInfo.info ? <EngineList engines={appInfo.info.engines} label="Engines" /> : <EngineListStatus appInfo={appInfo} />}
      </details>

      {client.host === 'web' ? (
        <input
          ref={fileInput}
          type="file"
          aria-label="Model file to import"
          className="visually-hidden"
          tabIndex={-1}
          onChange={(event) => {
            const files = Array.from(event.target.files ?? []);
            event.target.value = '';
            if (files.length > 0) void importModels(files);
          }}
        />
      ) : null}

      {confirm?.kind === 'download' ? (
        <DownloadDialog model={confirm.model} destination={modelsFolder} onConfirm={() => void startDownload(confirm.model)} onClose={() => setConfirm(null)} />
      ) : null}
      {confirm?.kind === 'remove' ? <RemoveDialog model={confirm.model} onConfirm={() => remove(confirm.model)} onClose={() => setConfirm(null)} /> : null}
    </>
  );
}
