import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InstalledModelSchema, type InstalledModel, type ModelModality } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { EventBus } from '../events/event-bus.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { readJsonFile } from '../files/read-json.js';
import type { Logger } from '../log.js';
import { isInside } from '../security/path-inside.js';

/**
 * Every installed model has a folder `<modelsDir>/<id>/` holding its files (when Atelier
 * owns them) and `atelier-model.json`, its own description. `registry.json` is the index
 * over those folders plus which model is active per modality. The folders are the truth:
 * a damaged or missing index is rebuilt from them, so no model on disk is ever lost.
 */
export const MODEL_MANIFEST = 'atelier-model.json';
export const REGISTRY_FILE = 'registry.json';
/** Downloads and imports in progress live here, out of the registry's sight. */
export const STAGING_DIR = '.partial';

export const ModelManifestSchema = InstalledModelSchema.omit({ active: true });
export type ModelManifest = z.infer<typeof ModelManifestSchema>;

const RegistryFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  models: z.array(InstalledModelSchema),
});

const MODALITIES: readonly ModelModality[] = ['text', 'image', 'voice'];

export class ModelRegistry {
  private models: InstalledModel[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly modelsDir: string,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  get registryFile(): string {
    return path.join(this.modelsDir, REGISTRY_FILE);
  }

  get stagingDir(): string {
    return path.join(this.modelsDir, STAGING_DIR);
  }

  folderOf(id: string): string {
    return path.join(this.modelsDir, id);
  }

  /** Reads the index and reconciles it with the model folders on disk. */
  load(): Promise<void> {
    return this.exclusive(async () => {
      await fs.mkdir(this.modelsDir, { recursive: true });
      const read = await readJsonFile(this.registryFile, RegistryFileSchema);
      if (!read.ok && read.reason === 'invalid') {
        const aside = `${this.registryFile}.corrupt-${Date.now()}`;
        this.log.warn('models', `registry.json is damaged (${read.message}); rebuilding it from the model folders`, { aside });
        await fs.rename(this.registryFile, aside).catch(() => undefined);
      }
      const indexed = read.ok ? read.value.models : [];
      const onDisk = await this.scanFolders();
      const byId = new Map(onDisk.map((m) => [m.id, m]));
      // The index keeps its active flags; folders it does not know join it, ones gone leave it.
      const merged: InstalledModel[] = indexed.filter((m) => byId.has(m.id)).map((m) => ({ ...(byId.get(m.id) as ModelManifest), active: m.active }));
      for (const manifest of onDisk) if (!merged.some((m) => m.id === manifest.id)) merged.push({ ...manifest, active: false });
      this.models = merged;
      this.normalizeActive();
      const changed = !read.ok || JSON.stringify(read.value.models) !== JSON.stringify(this.models);
      if (changed) await this.save();
    });
  }

  list(): InstalledModel[] {
    return this.models.map((m) => ({ ...m }));
  }

  find(id: string): InstalledModel | undefined {
    const model = this.models.find((m) => m.id === id);
    return model && { ...model };
  }

  get(id: string): InstalledModel {
    const model = this.find(id);
    if (!model) throw new AtelierError('NOT_FOUND', `No installed model has the id "${id}". Run 'atelier models list' to see them.`);
    return model;
  }

  active(modality: ModelModality): InstalledModel | undefined {
    const model = this.models.find((m) => m.modality === modality && m.active);
    return model && { ...model };
  }

  /**
   * Installs a prepared folder as model `manifest.id`: writes its manifest, moves it into
   * place with one rename, and indexes it. The first model of a modality becomes active.
   */
  install(stagedFolder: string, manifest: ModelManifest): Promise<InstalledModel> {
    return this.exclusive(async () => {
      ModelManifestSchema.parse(manifest);
      if (this.models.some((m) => m.id === manifest.id)) throw new AtelierError('INVALID_INPUT', `A model with the id "${manifest.id}" is already installed.`);
      const target = this.folderOf(manifest.id);
      await writeFileAtomic(path.join(stagedFolder, MODEL_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
      // A folder left under that name without a usable manifest is debris from an older attempt.
      await fs.rm(target, { recursive: true, force: true });
      await fs.rename(stagedFolder, target);
      const previous = this.models.find((m) => m.modality === manifest.modality && m.active);
      const model: InstalledModel = { ...manifest, active: !previous };
      this.models.push(model);
      await this.save();
      this.events.emit('models.changed', {
        reason: 'installed',
        id: model.id,
        modality: model.modality,
        active: model.active ? model.id : (previous?.id ?? null),
        previous: null,
      });
      this.log.info('models', 'installed', { id: model.id, format: model.format, owned: model.owned });
      return { ...model };
    });
  }

  /** Makes `id` the active model of its modality; engines hear `models.changed` and unload the old one. */
  use(id: string): Promise<InstalledModel> {
    return this.exclusive(async () => {
      const model = this.get(id);
      const previous = this.models.find((m) => m.modality === model.modality && m.active);
      if (previous?.id === id) return model;
      for (const m of this.models) if (m.modality === model.modality) m.active = m.id === id;
      await this.save();
      this.events.emit('models.changed', { reason: 'activated', id, modality: model.modality, active: id, previous: previous?.id ?? null });
      return this.get(id);
    });
  }

  /**
   * Forgets a model. Its folder goes (files Atelier owns with it); a model referenced in
   * place only loses its manifest folder: the user's own files are never touched.
   */
  remove(id: string): Promise<{ id: string; deletedFiles: boolean }> {
    return this.exclusive(async () => {
      const model = this.get(id);
      const folder = this.folderOf(id);
      if (!isInside(this.modelsDir, folder)) throw new AtelierError('FORBIDDEN', `Refusing to delete ${folder}: it is outside the models folder.`);
      this.models = this.models.filter((m) => m.id !== id);
      let next: InstalledModel | undefined;
      if (model.active) {
        // Keep one active per modality while any are left: the most recently installed.
        next = this.models.filter((m) => m.modality === model.modality).sort((a, b) => b.installedAt.localeCompare(a.installedAt))[0];
        if (next) next.active = true;
      }
      await this.save();
      await fs.rm(folder, { recursive: true, force: true });
      this.events.emit('models.changed', {
        reason: 'removed',
        id,
        modality: model.modality,
        active: model.active ? (next?.id ?? null) : (this.models.find((m) => m.modality === model.modality && m.active)?.id ?? null),
        previous: model.active ? id : null,
      });
      this.log.info('models', 'removed', { id, owned: model.owned });
      return { id, deletedFiles: model.owned };
    });
  }

  private async scanFolders(): Promise<ModelManifest[]> {
    const out: ModelManifest[] = [];
    const entries = await fs.readdir(this.modelsDir, { withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const read = await readJsonFile(path.join(this.modelsDir, entry.name, MODEL_MANIFEST), ModelManifestSchema);
      if (read.ok && read.value.id === entry.name) out.push(read.value);
      else if (!read.ok && read.reason === 'invalid') {
        this.log.warn('models', `ignoring models/${entry.name}: its ${MODEL_MANIFEST} is damaged (${read.message})`);
      }
    }
    return out.sort((a, b) => a.installedAt.localeCompare(b.installedAt));
  }

  /** One active model per modality that has any. */
  private normalizeActive(): void {
    for (const modality of MODALITIES) {
      const of = this.models.filter((m) => m.modality === modality);
      const active = of.filter((m) => m.active);
      for (const extra of active.slice(1)) extra.active = false;
      if (active.length === 0 && of.length > 0) (of[of.length - 1] as InstalledModel).active = true;
    }
  }

  private async save(): Promise<void> {
    await writeFileAtomic(this.registryFile, `${JSON.stringify({ schemaVersion: 1, models: this.models }, null, 2)}\n`);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
