import type { Scene } from '../../../preload/contract.js';
import type { ProjectVideoChanges, StoryboardEdit, StoryboardState } from '../../../preload/schemas/storyboard.js';
import type { ProjectVideoSettings } from '../../../preload/schemas/video.js';
import type { EventBus } from '../events/event-bus.js';
import type { ProjectFile } from '../projects/project-file.js';
import type { ProjectStore } from '../projects/project-store.js';
import { applyVideoChanges, projectVideo, stillValidVideo, videoSettingsEqual } from './project-video-edit.js';
import { applyStoryboardEdit, scenesEqual, typingKey } from './storyboard-edits.js';
import { StoryboardHistory, type HistoryMove } from './storyboard-history.js';

/**
 * The open project's storyboard as the creator edits it: every edit is saved at once
 * through ProjectStore.update (atomic, with a .bak: that is the autosave) and becomes
 * one undo step. History lives here in main, for one project at a time; opening another
 * project (or deleting this one) drops it.
 */
export class StoryboardEditor {
  private history: StoryboardHistory | undefined;
  /** Edits, undos and redos take turns, so each step records exactly the save it made. */
  private turn: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly projects: ProjectStore,
    events: EventBus,
    private readonly clock: () => number = Date.now,
  ) {
    this.unsubscribe = events.subscribe((name) => {
      if (name !== 'project.changed' || !this.history) return;
      // Asked of the store, not read from the event: deleting some other project says `null` too.
      if (this.projects.current()?.id !== this.history.projectId) this.history = undefined;
    });
  }

  get(): Promise<StoryboardState> {
    return this.serial(async () => this.state());
  }

  edit(edit: StoryboardEdit): Promise<StoryboardState> {
    if (edit.op === 'video') return this.serial(() => this.editVideo(edit.changes));
    return this.serial(async () => {
      const open = this.projects.requireOpen();
      const projectId = open.data.id;
      // Tried on the scenes now, so a bad edit answers before anything is written and a no-op writes nothing.
      if (
        scenesEqual(
          applyStoryboardEdit(open.data.scenes, edit, open.data.assets, () => 'probe'),
          open.data.scenes,
        )
      )
        return this.state();
      let before: Scene[] = [];
      let after: Scene[] = [];
      await this.projects.update(projectId, (data) => {
        before = data.scenes;
        after = applyStoryboardEdit(data.scenes, edit, data.assets);
        return { ...data, scenes: after };
      });
      this.historyFor(projectId).record(before, after, typingKey(edit), this.clock());
      return this.state();
    });
  }

  /** The project's video settings: checked on the project now, so a bad change writes nothing; one undo step. */
  private async editVideo(changes: ProjectVideoChanges): Promise<StoryboardState> {
    const open = this.projects.requireOpen();
    const projectId = open.data.id;
    if (videoSettingsEqual(applyVideoChanges(open.data.video, changes, open.data.scenes, open.data.assets), open.data.video)) return this.state();
    let before: ProjectVideoSettings | undefined;
    let after: ProjectVideoSettings | undefined;
    let scenes: Scene[] = [];
    await this.projects.update(projectId, (data) => {
      before = data.video;
      after = applyVideoChanges(data.video, changes, data.scenes, data.assets);
      scenes = data.scenes;
      return withVideo(data, after);
    });
    this.historyFor(projectId).record(scenes, scenes, undefined, this.clock(), { before, after });
    return this.state();
  }

  undo(): Promise<StoryboardState> {
    return this.serial(() => this.move((history, scenes) => history.planUndo(scenes)));
  }

  redo(): Promise<StoryboardState> {
    return this.serial(() => this.move((history, scenes) => history.planRedo(scenes)));
  }

  dispose(): void {
    this.unsubscribe();
  }

  private async move(plan: (history: StoryboardHistory, scenes: Scene[]) => HistoryMove | undefined): Promise<StoryboardState> {
    const open = this.projects.requireOpen();
    const projectId = open.data.id;
    const history = this.historyFor(projectId);
    if (!plan(history, open.data.scenes)) return this.state();
    let planned: HistoryMove | undefined;
    await this.projects.update(projectId, (data) => {
      // Planned on the scenes as they are at the moment of the write, jobs' latest work included.
      planned = plan(history, data.scenes);
      if (!planned) return data;
      const next = { ...data, scenes: planned.scenes };
      // A sound or scene deleted since the step was made is left out rather than put back dangling.
      return planned.video ? withVideo(next, stillValidVideo(planned.video.value, next.scenes, next.assets)) : next;
    });
    planned?.commit();
    return this.state();
  }

  private historyFor(projectId: string): StoryboardHistory {
    if (this.history?.projectId !== projectId) this.history = new StoryboardHistory(projectId);
    return this.history;
  }

  private state(): StoryboardState {
    const { data } = this.projects.requireOpen();
    const history = this.history?.projectId === data.id ? this.history : undefined;
    return {
      projectId: data.id,
      scenes: data.scenes,
      video: projectVideo(data.video),
      canUndo: history?.canUndo ?? false,
      canRedo: history?.canRedo ?? false,
      revision: this.projects.revision(),
    };
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }
}

/** The project with these video settings; undefined removes them (the defaults). */
function withVideo(data: ProjectFile, video: ProjectVideoSettings | undefined): ProjectFile {
  const { video: _old, ...rest } = data;
  return video ? { ...rest, video } : rest;
}
