import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InstalledModelSchema, type InstalledModel, type ModelModality } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { EventBus } from '../events/event-bus.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { readJsonFile } from '../files/read-json.js';
import type { Logger } from '../../platform/log.js';
import { isInside } from '../security/path-inside.js';
import { uniqueId } from './model-ids.js';
import { registryChanges } from './registry-changes.js';
import { withFileLock } from '../files/file-lock.js';
import { watchFolder, type FolderWatch } from '../files/folder-watch.js';

/**
 * Every installed model has a folder `<modelsDir>/<id>/` holding its files (when Atelier
 * owns them) and `atelier-model.json`, its own description. `registry.json` is the index
 * over those folders plus which model is active per modality. The folders are the truth:
 * a damaged or missing index is rebuilt from them, so no model on disk is ever lost.
 *
 * Several processes share one models folder (a running studio, `atelier models import`
 * in a terminal). Every change happens under a lock file and starts from what is on
 * disk now, so none overwrites another's entry; reads notice a registry.json another
 * process replaced, and a studio watches the folder so its clients hear `models.changed`.
 */
export const MODEL_MANIFEST = 'atelier-model.json';
const REGISTRY_FILE = 'registry.json';
/** Downloads and imports in progress live here, out of the registry's sight. */
const STAGING_DIR = '.partial';
/** Held by whichever process is changing registry.json; a dotfile, so scans pass it by. */
const LOCK_FILE = '.registry.lock';

export const ModelManifestSchema = InstalledModelSchema.omit({ active: true });
export type ModelManifest = z.infer<typeof ModelManifestSchema>;

const RegistryFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  models: z.array(InstalledModelSchema),
});

const MODALITIES: readonly ModelModality[] = ['text', 'image', 'voice', 'upscaler', 'embedding', 'speech-to-text'];

export class ModelRegistry {
  private models: InstalledModel[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  /** registry.json as this process last read or wrote it (inode, size, mtime). */
  private seen: string | undefined;
  private loaded = false;
  private watcher: FolderWatch | undefined;

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
    return this.locked(async () => {
      this.loaded = true;
      await this.dropStagedManifests();
    });
  }

  /**
   * install() writes a manifest into the staged folder and renames the folder in, both under
   * the lock; a manifest still in staging while we hold the lock is from an install that was
   * killed between the two. The downloaded files beside it stay: the next download reuses them.
   */
  private async dropStagedManifests(): Promise<void> {
    const staged = await fs.readdir(this.stagingDir, { withFileTypes: true }).catch(() => []);
    for (const entry of staged) {
      if (entry.isDirectory()) await fs.rm(path.join(this.stagingDir, entry.name, MODEL_MANIFEST), { force: true });
    }
  }

  /**
   * Follows changes other processes make to the models folder until close(): each one
   * is reconciled and announced as `models.changed`. Hosts with clients to keep current
   * (the desktop app, the web host) watch; one-shot CLI commands need not.
   */
  watch(): void {
    // Another process's install renames a model folder in and replaces registry.json; dotfiles
    // (temporary writes, the staging folder, the lock) are noise.
    this.watcher ??= watchFolder(
      this.modelsDir,
      () => void this.refresh().catch((error: unknown) => this.log.warn('models', `could not re-read the models folder: ${(error as Error).message}`)),
      this.log,
      { area: 'models', what: 'the models folder', relevant: (name) => !name.startsWith('.') },
    );
  }

  /** Re-reads the folder now; changes another process made are announced. */
  refresh(): Promise<void> {
    return this.locked(async () => undefined);
  }

  /** Stops watching and lets a change in progress finish. */
  async close(): Promise<void> {
    this.watcher?.close();
    this.watcher = undefined;
    await this.tail;
  }

  list(): InstalledModel[] {
    this.followDisk();
    return this.models.map((m) => ({ ...m }));
  }

  find(id: string): InstalledModel | undefined {
    this.followDisk();
    const model = this.models.find((m) => m.id === id);
    return model && { ...model };
  }

  get(id: string): InstalledModel {
    const model = this.find(id);
    if (!model) throw new AtelierError('NOT_FOUND', `No installed model has the id "${id}". Run 'atelier models list' to see them.`);
    return model;
  }

  active(modality: ModelModality): InstalledModel | undefined {
    this.followDisk();
    const model = this.models.find((m) => m.modality === modality && m.active);
    return model && { ...model };
  }

  /**
   * Installs a prepared folder as model `manifest.id`: writes its manifest, moves it into
   * place with one rename, and indexes it. The first model of a modality becomes active.
   */
  install(stagedFolder: string, proposed: ModelManifest, options: { renameIfTaken?: boolean } = {}): Promise<InstalledModel> {
    return this.locked(async () => {
      // The id is settled here, under the lock: another process may have taken it since it was chosen.
      const manifest = options.renameIfTaken ? this.withFreeId(proposed) : proposed;
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

  /** `manifest` under the first free id from its own (`-2`, `-3`…), its own folder following the id. */
  private withFreeId(manifest: ModelManifest): ModelManifest {
    const taken = (id: string) => this.models.some((m) => m.id === id);
    if (!taken(manifest.id)) return manifest;
    const id = uniqueId(manifest.id, taken);
    const [from, to] = [this.folderOf(manifest.id), this.folderOf(id)];
    const inOwnFolder = manifest.path === from || manifest.path.startsWith(`${from}${path.sep}`);
    return { ...manifest, id, path: inOwnFolder ? `${to}${manifest.path.slice(from.length)}` : manifest.path };
  }

  /** Makes `id` the active model of its modality; engines hear `models.changed` and unload the old one. */
  use(id: string): Promise<InstalledModel> {
    return this.locked(async () => {
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
    return this.locked(async () => {
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
    this.seen = this.signature();
  }

  private signature(): string | undefined {
    try {
      const stat = fsSync.statSync(this.registryFile);
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      return undefined;
    }
  }

  /**
   * Takes the index as it is on disk now, merged with the model folders (which win),
   * and announces what another process changed. Saves when the two disagreed, so a
   * damaged index is rebuilt and a folder a crashed install left gets its entry.
   */
  private async reconcile(): Promise<void> {
    await fs.mkdir(this.modelsDir, { recursive: true });
    const seen = this.signature();
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
    this.adopt(merged);
    this.seen = seen;
    const changed = !read.ok || JSON.stringify(read.value.models) !== JSON.stringify(this.models);
    if (changed) await this.save();
  }

  /** Replaces the in-memory list, telling listeners what differs once the first load is done. */
  private adopt(next: InstalledModel[]): void {
    const before = this.models;
    this.models = next;
    this.normalizeActive();
    if (!this.loaded) return;
    for (const change of registryChanges(before, this.models)) this.events.emit('models.changed', change);
  }

  /**
   * Cheap enough for every read: when registry.json is no longer the file this process
   * last saw, another process changed the models, and its index (written under the
   * lock, reconciled there) is taken as it is. A file that does not parse is left to a
   * full reconcile, which rebuilds it from the folders.
   */
  private followDisk(): void {
    if (!this.loaded) return;
    const now = this.signature();
    if (now === undefined || now === this.seen) return;
    let parsed: z.infer<typeof RegistryFileSchema> | undefined;
    try {
      parsed = RegistryFileSchema.parse(JSON.parse(fsSync.readFileSync(this.registryFile, 'utf8')));
    } catch {
      parsed = undefined;
    }
    this.seen = now;
    if (!parsed) {
      void this.refresh().catch((error: unknown) => this.log.warn('models', `could not re-read the models folder: ${(error as Error).message}`));
      return;
    }
    this.adopt(parsed.models);
  }

  /** One change at a time in this process, under the lock file across processes, from what is on disk now. */
  private locked<T>(work: () => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await fs.mkdir(this.modelsDir, { recursive: true });
      return withFileLock(
        path.join(this.modelsDir, LOCK_FILE),
        async () => {
          await this.reconcile();
          return work();
        },
        'The models folder',
      );
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}
