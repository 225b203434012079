import type { CatalogModel, InstalledModel, Job, ModelImportMode } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { JobManager } from '../jobs/job-manager.js';
import { findCatalogEntry, loadCatalog, locateCatalog } from './catalog.js';
import { toCatalogModel } from './catalog-schema.js';
import type { FreeBytes } from '../files/disk-space.js';
import { resolveDownloadUrl } from './hf-url.js';
import { downloadModel, type DownloadSpec, type DownloadTuning } from './model-download.js';
import { fileNameOfUrl, slugify, uniqueId } from './model-ids.js';
import { importModel, type ImportSource } from './model-import.js';
import type { ModelRegistry } from './model-registry.js';

export interface ModelManagerOptions {
  /** Defaults to ATELIER_CATALOG or the shipped models/catalog.json, read on each use. */
  catalogFile?: string;
  freeBytes?: FreeBytes;
  tuning?: DownloadTuning;
}

const DOWNLOAD_QUEUE = 'downloads';
const IMPORT_QUEUE = 'model-files';

/**
 * What every host asks of models: the catalog, the installed list, downloads and
 * imports (as jobs), the active model per modality, removal. Hosts stay glue.
 */
export class ModelManager {
  /** Downloads queued or running, by model id, so asking twice joins the first. */
  private readonly inFlight = new Map<string, string>();

  constructor(
    readonly registry: ModelRegistry,
    private readonly jobs: JobManager,
    private readonly options: ModelManagerOptions = {},
  ) {}

  private catalogFile(): string {
    return this.options.catalogFile ?? locateCatalog();
  }

  async catalog(): Promise<CatalogModel[]> {
    const catalog = await loadCatalog(this.catalogFile());
    const installed = new Set(
      this.registry
        .list()
        .map((m) => m.catalogId)
        .filter(Boolean),
    );
    return catalog.models.map((entry) => toCatalogModel(entry, installed.has(entry.id)));
  }

  list(): InstalledModel[] {
    return this.registry.list();
  }

  /** Starts (or joins) the download of a catalog model. */
  async download(catalogId: string): Promise<Job> {
    const entry = findCatalogEntry(await loadCatalog(this.catalogFile()), catalogId);
    const installed = this.registry.list().find((m) => m.catalogId === entry.id);
    if (installed) return this.alreadyInstalled(installed);
    return this.submitDownload({
      id: uniqueId(entry.id, (id) => this.registry.find(id) !== undefined),
      name: entry.name,
      format: entry.format,
      files: entry.files,
      source: 'catalog',
      catalogId: entry.id,
      sourceUrl: entry.source,
      licence: entry.licence,
      ramMb: entry.ramMb,
    });
  }

  /**
   * Downloads a model by address (`https://…` or `hf:owner/repo/file`), checked by its
   * content once it is here. A `.onnx` brings its Piper `.onnx.json` along.
   */
  async downloadUrl(input: string, sha256?: string): Promise<Job> {
    const url = resolveDownloadUrl(input);
    if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new AtelierError('INVALID_INPUT', 'A sha256 is 64 hexadecimal digits.');
    }
    const installed = this.registry.list().find((m) => m.source === 'url' && m.sourceUrl === url);
    if (installed) return this.alreadyInstalled(installed);
    const fileName = fileNameOfUrl(url);
    const stem = fileName.replace(/\.(gguf|onnx)$/i, '');
    const files: DownloadSpec['files'] = [{ path: fileName, url, ...(sha256 && { sha256 }) }];
    if (/\.onnx$/i.test(fileName)) files.push({ path: `${fileName}.json`, url: `${url}.json` });
    return this.submitDownload({
      id: uniqueId(slugify(stem), (id) => this.registry.find(id) !== undefined),
      name: stem,
      files,
      source: 'url',
      sourceUrl: url,
    });
  }

  import(source: ImportSource, mode: ModelImportMode, onDone?: () => Promise<void>): Job {
    return this.jobs.submit({
      kind: 'model.import',
      title: `Import ${source.label ?? source.path}`,
      queue: IMPORT_QUEUE,
      run: async (context) => {
        const model = await importModel(
          source,
          mode,
          { registry: this.registry, ...(this.options.freeBytes && { freeBytes: this.options.freeBytes }) },
          context,
        );
        await onDone?.();
        return model;
      },
    });
  }

  use(id: string): Promise<InstalledModel> {
    return this.registry.use(id);
  }

  remove(id: string): Promise<{ id: string; deletedFiles: boolean }> {
    return this.registry.remove(id);
  }

  private submitDownload(spec: DownloadSpec): Job {
    const key = spec.catalogId ?? spec.sourceUrl ?? spec.id;
    const running = this.inFlight.get(key);
    if (running) {
      const job = this.jobs.get(running);
      if (job.state === 'queued' || job.state === 'running') return job;
    }
    const job = this.jobs.submit({
      kind: 'model.download',
      title: `Download ${spec.name}`,
      queue: DOWNLOAD_QUEUE,
      run: async (context) => {
        try {
          return await downloadModel(
            spec,
            {
              registry: this.registry,
              ...(this.options.freeBytes && { freeBytes: this.options.freeBytes }),
              ...(this.options.tuning && { tuning: this.options.tuning }),
            },
            context,
          );
        } finally {
          this.inFlight.delete(key);
        }
      },
    });
    this.inFlight.set(key, job.id);
    return job;
  }

  private alreadyInstalled(model: InstalledModel): Job {
    // Its own queue, so the answer does not wait behind someone else's download.
    return this.jobs.submit({
      kind: 'model.download',
      title: `Download ${model.name}`,
      queue: `${DOWNLOAD_QUEUE}.installed`,
      run: async (context) => {
        context.progress({ fraction: 1, detail: 'Already installed' });
        return model;
      },
    });
  }
}
