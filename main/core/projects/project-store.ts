import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { OpenedProject, ProjectSummary } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { AppPaths } from '../app-paths.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../../platform/log.js';
import type { AppState } from './app-state.js';
import { assetsRevision } from '../assets/asset-index.js';
import { ensurePrivateDir } from '../../platform/private-files.js';
import { damagedProjectId, damagedSummary } from './damaged-project.js';
import { folderNameFor, uniqueFolder } from './folder-name.js';
import { PROJECT_FILE, PROJECT_SUFFIX, newProjectFile, type ProjectFile } from './project-file.js';
import { journalWantsCompaction } from './project-journal.js';
import { loadProject, peekProject, saveProject, saveProjectChange, type LoadedProject } from './project-folder.js';
import { folderStamp, withProjectLock } from './project-sharing.js';
import { watchFolder, type FolderWatch } from '../files/folder-watch.js';
import { JOURNAL_FILE } from './project-journal.js';

/** Creates, finds and opens projects, and owns the one open project's in-memory state. */
export class ProjectStore {
  private open: LoadedProject | null = null;
  /**
   * Counts the open project's changes for this process (never reset, so a number is never
   * reused): project.changed carries it, and so does what a client read (storyboard.get), so a
   * client that already holds that revision (its own edit's answer) does not read it again.
   */
  private revisionCounter = 0;
  private writes: Promise<unknown> = Promise.resolve();
  /** Whether to follow other processes' changes to the open project (watch()), and the watch on its folder. */
  private watching = false;
  private watcher: FolderWatch | undefined;

  constructor(
    private readonly paths: AppPaths,
    private readonly state: AppState,
    private readonly events: EventBus,
    private readonly log: Logger,
  ) {}

  /** Reopens the project that was open last time, if it still loads. */
  async restoreLast(): Promise<void> {
    const id = this.state.lastProjectId;
    if (!id) return;
    try {
      await this.openById(id);
    } catch (error) {
      this.log.warn('projects', `could not reopen the last project: ${(error as Error).message}`);
      await this.state.clearLast();
    }
  }

  async create(title: string): Promise<ProjectSummary> {
    // Serialized so two creates with one title (a double click) get two folders.
    return this.exclusive(async () => {
      await ensurePrivateDir(this.paths.projectsDir);
      const dir = await uniqueFolder(this.paths.projectsDir, title);
      await ensurePrivateDir(path.join(dir, 'assets'));
      const data = newProjectFile(randomUUID(), title);
      const journal = await saveProject(dir, data);
      await this.activate({ dir, data, recoveredFromBackup: false, journal, stamp: await folderStamp(dir) });
      return this.summarize(dir, data);
    });
  }

  async list(): Promise<ProjectSummary[]> {
    const found = new Map<string, LoadedProject>();
    const damaged = new Map<string, ProjectSummary>();
    for (const dir of await this.candidateFolders()) {
      // The open project is summarized from memory below; reading its folder again would cost what the project weighs.
      if (this.open?.dir === dir) continue;
      try {
        const loaded = await peekProject(dir);
        if (!found.has(loaded.data.id)) found.set(loaded.data.id, loaded);
      } catch (error) {
        this.log.warn('projects', `cannot read ${dir}: ${(error as Error).message}`);
        // The open project lives in memory; its folder going bad on disk does not unlist it.
        if (this.open?.dir === dir || !(error instanceof AtelierError) || error.code !== 'PROJECT_CORRUPT') continue;
        // Listed, not dropped: a project that vanishes looks lost, one marked damaged can be mended.
        const summary = await damagedSummary(dir, this.state.recent.find((r) => r.path === dir)?.id, error.message);
        if (summary) damaged.set(summary.id, summary);
      }
    }
    if (this.open) found.set(this.open.data.id, this.open);
    for (const id of found.keys()) damaged.delete(id);
    const openedAt = new Map(this.state.recent.map((r) => [r.id, r.openedAt]));
    return [...[...found.values()].map((p) => this.summarize(p.dir, p.data)), ...damaged.values()].sort((a, b) =>
      (openedAt.get(b.id) ?? b.updatedAt).localeCompare(openedAt.get(a.id) ?? a.updatedAt),
    );
  }

  current(): ProjectSummary | null {
    return this.open ? this.summarize(this.open.dir, this.open.data) : null;
  }

  async openById(id: string): Promise<OpenedProject> {
    // Serialized with the writes: opening folds the journal in, which must not race an append.
    return this.exclusive(async () => {
      const dir = await this.folderOf(id);
      // Opening folds the journal into project.json: not while another process appends to it.
      const loaded = await withProjectLock(dir, async () => {
        const read = await loadProject(dir);
        return { ...read, stamp: await folderStamp(dir) };
      });
      if (loaded.data.id !== id) throw new AtelierError('PROJECT_CORRUPT', `The project in ${dir} changed its id.`);
      await this.activate(loaded);
      return { project: this.summarize(loaded.dir, loaded.data), recoveredFromBackup: loaded.recoveredFromBackup };
    });
  }

  async rename(id: string, title: string): Promise<ProjectSummary> {
    return this.exclusive(async () => {
      const isOpen = this.open?.data.id === id;
      const from = isOpen && this.open ? this.open.dir : await this.folderOf(id);
      const saved = await withProjectLock(from, async () => {
        const loaded = isOpen && this.open ? await this.asOnDisk(this.open) : await loadProject(from);
        const data: ProjectFile = { ...loaded.data, title, updatedAt: new Date().toISOString() };
        return { data, journal: await saveProject(from, data) };
      });
      // Moved once the lock is let go: a lock file moved with its folder would hold it for half a minute.
      const dir = await this.moveFolderToTitle(from, title);
      const { data, journal } = saved;
      if (isOpen) {
        this.open = { dir, data, recoveredFromBackup: false, journal, stamp: await folderStamp(dir) };
        this.watchOpen();
      }
      await this.state.relocate(id, dir);
      this.changed(id);
      return this.summarize(dir, data);
    });
  }

  /** The folder of a project by id, a damaged one included (to show it to the creator). */
  folderFor(id: string): Promise<string> {
    return this.folderOf(id, true);
  }

  async remove(id: string): Promise<{ id: string; movedTo: string }> {
    return this.exclusive(async () => {
      // A damaged project can still go to the trash: that is one of the ways out it is offered.
      const dir = await this.folderOf(id, true);
      if (this.open?.data.id === id) {
        this.open = null;
        this.watchOpen();
      }
      await ensurePrivateDir(this.paths.trashDir);
      const movedTo = path.join(this.paths.trashDir, `${path.basename(dir, PROJECT_SUFFIX)} ${Date.now()}${PROJECT_SUFFIX}`);
      await fs.rename(dir, movedTo);
      await this.state.forget(id);
      this.events.emit('project.changed', { projectId: null });
      return { id, movedTo };
    });
  }

  /** The open project, or NO_PROJECT_OPEN. */
  requireOpen(): LoadedProject {
    if (!this.open) throw new AtelierError('NO_PROJECT_OPEN', 'Open or create a project first.');
    return this.open;
  }

  /**
   * Applies a change to the open project and saves it durably (one journal line); writes are
   * serialized. A journal grown past its bound is folded into project.json as the next write,
   * after this change has been answered, so no one edit waits for a whole-project write.
   */
  async update(projectId: string, change: (data: ProjectFile) => ProjectFile): Promise<ProjectFile> {
    return this.exclusive(async () => {
      const open = this.requireOpen();
      if (open.data.id !== projectId) throw new AtelierError('NO_PROJECT_OPEN', 'The project was closed while the change was made.');
      // Made on the project as saved now, under its lock: another process may have changed it (project-sharing.ts).
      const { data, reread } = await withProjectLock(open.dir, async () => {
        const current = await this.asOnDisk(open);
        const changed = { ...change(current.data), updatedAt: new Date().toISOString() };
        // A project read back from its .bak has no journal to continue: it is written whole.
        const saved = current.recoveredFromBackup
          ? { ...current, data: changed, recoveredFromBackup: false, journal: await saveProject(current.dir, changed) }
          : await saveProjectChange(current, changed);
        this.open = { ...saved, stamp: await folderStamp(current.dir) };
        return { data: changed, reread: current !== open };
      });
      if (journalWantsCompaction((this.open as LoadedProject).journal)) void this.compact();
      // Changes spread new objects, so scenes and video kept as they were are the same objects.
      this.changed(projectId, reread || data.scenes !== open.data.scenes || data.video !== open.data.video);
      return data;
    });
  }

  /** Folds the open project's journal into project.json (also done whenever a project is opened). */
  async compact(): Promise<void> {
    return this.exclusive(async () => {
      const open = this.open;
      if (!open || open.journal.entries === 0) return;
      try {
        this.open = await this.fold(open);
        // Folded from what another process saved meanwhile: clients read the storyboard again.
        if (this.open.data !== open.data) this.changed(open.data.id);
      } catch (error) {
        // The journal still holds every change; the next open or bound tries again.
        this.log.warn('projects', `could not fold the journal into project.json: ${(error as Error).message}`);
      }
    });
  }

  private async activate(loaded: LoadedProject): Promise<void> {
    const previous = this.open;
    // The project left behind is closed with its journal folded in, as it would be at its next open.
    if (previous && previous.dir !== loaded.dir && previous.journal.entries > 0) {
      await this.fold(previous).catch((error: unknown) => {
        this.log.warn('projects', `could not fold the journal of ${previous.dir}: ${(error as Error).message}`);
      });
    }
    this.open = loaded;
    this.watchOpen();
    await this.state.touch(loaded.data.id, loaded.dir);
    this.changed(loaded.data.id);
  }

  /**
   * Follows the changes other processes save to the open project (the CLI or an agent beside
   * the studio) until close(): each is read in and announced as `project.changed`, so clients
   * show it. Hosts with clients to keep current (the desktop app, the web host) watch;
   * one-shot CLI commands need not.
   */
  watch(): void {
    this.watching = true;
    this.watchOpen();
  }

  close(): void {
    this.watching = false;
    this.watchOpen();
  }

  /** Reads in what another process saved to the open project since this one last read or wrote it, and announces it. */
  async refresh(): Promise<void> {
    return this.exclusive(async () => {
      const open = this.open;
      // This process's own writes stir the folder too; they leave it as `open` knows it.
      if (!open || (await folderStamp(open.dir)) === open.stamp) return;
      const current = await withProjectLock(open.dir, () => this.asOnDisk(open));
      if (current === open || this.open !== open) return;
      this.open = current;
      this.changed(current.data.id);
    });
  }

  private watchOpen(): void {
    this.watcher?.close();
    this.watcher = undefined;
    const open = this.open;
    if (!this.watching || !open) return;
    this.watcher = watchFolder(
      open.dir,
      () => void this.refresh().catch((error: unknown) => this.log.warn('projects', `could not read in another process's change: ${(error as Error).message}`)),
      this.log,
      { area: 'projects', what: `the project folder ${open.dir}`, relevant: (name) => name === PROJECT_FILE || name === JOURNAL_FILE },
    );
  }

  /**
   * The project as saved now (called holding its lock): `loaded` itself when its files are as
   * this process last left them, else read again, as another Atelier process changed them.
   */
  private async asOnDisk(loaded: LoadedProject): Promise<LoadedProject> {
    const stamp = await folderStamp(loaded.dir);
    if (stamp === loaded.stamp) return loaded;
    const current = await peekProject(loaded.dir);
    if (current.data.id !== loaded.data.id) throw new AtelierError('PROJECT_CORRUPT', `The project in ${loaded.dir} changed its id.`);
    return { ...current, stamp };
  }

  /** Folds a project's journal into project.json, from what is saved now, under its lock. */
  private fold(loaded: LoadedProject): Promise<LoadedProject> {
    return withProjectLock(loaded.dir, async () => {
      const current = await this.asOnDisk(loaded);
      const journal = await saveProject(current.dir, current.data);
      return { ...current, recoveredFromBackup: false, journal, stamp: await folderStamp(current.dir) };
    });
  }

  /** The open project's revision: it moves on every change project.changed announces. */
  revision(): number {
    return this.revisionCounter;
  }

  /** `storyboard` false: the scenes and video are as they were, and a studio with 500 scenes need not read them again. */
  private changed(projectId: string, storyboard = true): void {
    this.revisionCounter += 1;
    this.events.emit('project.changed', { projectId, revision: this.revisionCounter, ...(!storyboard && { storyboard: false }) });
  }

  /** Where project `id` lives; a damaged one is PROJECT_CORRUPT (with what to do) unless `damagedToo`. */
  private async folderOf(id: string, damagedToo = false): Promise<string> {
    if (this.open?.data.id === id) return this.open.dir;
    const recent = this.state.recent.find((r) => r.id === id);
    if (recent) {
      try {
        if ((await peekProject(recent.path)).data.id === id) return recent.path;
      } catch (error) {
        // The folder is still there but unreadable: say so rather than "not found".
        if (error instanceof AtelierError && error.code === 'PROJECT_CORRUPT' && (await exists(recent.path))) {
          if (damagedToo) return recent.path;
          throw error;
        }
      }
    }
    for (const dir of await this.candidateFolders()) {
      const peeked = await peekProject(dir).catch((error: unknown) => (error instanceof AtelierError ? error : null));
      if (peeked instanceof AtelierError) {
        // A damaged folder Atelier does not remember is known by the id derived from its path.
        if (peeked.code !== 'PROJECT_CORRUPT' || damagedProjectId(dir) !== id) continue;
        if (damagedToo) return dir;
        throw peeked;
      }
      if (peeked?.data.id === id) return dir;
    }
    throw new AtelierError('NOT_FOUND', `No project with id ${id}.`);
  }

  private async candidateFolders(): Promise<string[]> {
    const dirs = new Set<string>();
    try {
      for (const entry of await fs.readdir(this.paths.projectsDir, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name.endsWith(PROJECT_SUFFIX)) dirs.add(path.join(this.paths.projectsDir, entry.name));
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const r of this.state.recent) dirs.add(r.path);
    return [...dirs];
  }

  private async moveFolderToTitle(dir: string, title: string): Promise<string> {
    // Only folders Atelier created in its own projects folder are renamed; others stay where the user put them.
    if (path.dirname(dir) !== this.paths.projectsDir) return dir;
    if (path.basename(dir) === folderNameFor(title)) return dir;
    const target = await uniqueFolder(this.paths.projectsDir, title);
    await fs.rename(dir, target);
    return target;
  }

  private summarize(dir: string, data: ProjectFile): ProjectSummary {
    return {
      id: data.id,
      title: data.title,
      path: dir,
      createdAt: data.createdAt,
      updatedAt: data.updatedAt,
      assetCount: Object.keys(data.assets).length,
      sceneCount: data.scenes.length,
      isOpen: this.open?.data.id === data.id,
      ...(this.open?.data === data && { assetsRevision: assetsRevision(data.assets) }),
    };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work, work);
    this.writes = run.catch(() => undefined);
    return run;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
