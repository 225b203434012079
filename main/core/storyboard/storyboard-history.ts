import type { Scene } from '../../../preload/contract.js';
import { STORYBOARD_LIMITS } from '../../../preload/schemas/storyboard.js';
import type { ProjectVideoSettings } from '../../../preload/schemas/video.js';
import { sceneEqual, scenesEqual } from './storyboard-edits.js';

/** Consecutive updates of one text field of one scene closer together than this are one undo step (typing). */
export const TYPING_COALESCE_MS = 1500;

interface Step {
  before: Scene[];
  after: Scene[];
  /** Set for typing steps; see storyboard-edits.ts typingKey(). */
  typingKey?: string;
  /** When the step last grew, for coalescing. */
  at: number;
  /** Set for a change of the project's video settings: what undo and redo put back. */
  video?: VideoChange;
}

/** The project's video settings before and after a step (undefined: the defaults). */
interface VideoChange {
  before: ProjectVideoSettings | undefined;
  after: ProjectVideoSettings | undefined;
}

/** What undo or redo would write, and how to make it count once the write succeeded. */
export interface HistoryMove {
  scenes: Scene[];
  /** Present when the step changed the video settings: the value to write (undefined: the defaults). */
  video?: { value: ProjectVideoSettings | undefined };
  commit(): void;
}

const FIELDS = ['title', 'text', 'imageAssetId', 'narrationAssetId', 'bedAssetId'] as const;

/**
 * Keeps what jobs did when undo or redo puts back an older scene list.
 *
 * The rule (issue 7): jobs (the prompt pipeline, Write / Illustrate / Narrate) are not
 * undo steps, and undo never takes back their work. A step remembers the scene list
 * it left behind (`reference`); whatever differs between that and the list now was done
 * by a job, so it is laid over the list being restored (`target`):
 *  - a field of a scene that a job changed (its text, its picture, its narration) keeps
 *    the job's value on every scene of `target` with that id;
 *  - a scene a job added stays, placed after the scene it follows now.
 * A scene that the undone step itself added goes away with its job-made attachments
 * detached (the assets stay in the project), and comes back with them on redo.
 */
export function keepJobChanges(current: readonly Scene[], reference: readonly Scene[], target: readonly Scene[]): Scene[] {
  const referenceById = new Map(reference.map((s) => [s.id, s]));
  const currentById = new Map(current.map((s) => [s.id, s]));
  const result: Scene[] = target.map((scene) => {
    const now = currentById.get(scene.id);
    const then = referenceById.get(scene.id);
    if (!now || !then || sceneEqual(now, then)) return scene;
    const kept: Scene = { ...scene };
    for (const field of FIELDS) {
      if (now[field] === then[field]) continue;
      if (now[field] === undefined) delete kept[field];
      else kept[field] = now[field] as string;
    }
    return kept;
  });
  current.forEach((scene, index) => {
    if (referenceById.has(scene.id) || result.some((s) => s.id === scene.id)) return;
    let at = 0;
    for (let i = index - 1; i >= 0; i -= 1) {
      const found = result.findIndex((s) => s.id === current[i]?.id);
      if (found >= 0) {
        at = found + 1;
        break;
      }
    }
    result.splice(at, 0, scene);
  });
  return result;
}

/** Undo and redo stacks of one open project's storyboard (kept in main, bounded). */
export class StoryboardHistory {
  private readonly undoSteps: Step[] = [];
  private redoSteps: Step[] = [];
  /** Typing may grow the top step only until an undo or redo moves past it. */
  private topOpen = false;

  constructor(
    readonly projectId: string,
    private readonly limit: number = STORYBOARD_LIMITS.history,
    private readonly coalesceMs: number = TYPING_COALESCE_MS,
  ) {}

  get canUndo(): boolean {
    return this.undoSteps.length > 0;
  }

  get canRedo(): boolean {
    return this.redoSteps.length > 0;
  }

  get depth(): number {
    return this.undoSteps.length;
  }

  /** Records an edit that was saved; clears what could be redone. */
  record(before: Scene[], after: Scene[], typingKey: string | undefined, now: number, video?: VideoChange): void {
    this.redoSteps = [];
    const top = this.undoSteps.at(-1);
    const typingOn =
      typingKey !== undefined &&
      this.topOpen &&
      top?.typingKey === typingKey &&
      now - top.at <= this.coalesceMs &&
      // A job that changed the storyboard between two keystrokes ends the step, so undo cannot skip past its work.
      scenesEqual(top.after, before);
    if (top && typingOn) {
      top.after = after;
      top.at = now;
      // Typed and typed back: nothing left to undo in this step.
      if (scenesEqual(top.before, top.after)) {
        this.undoSteps.pop();
        this.topOpen = false;
      }
      return;
    }
    this.undoSteps.push({ before, after, typingKey, at: now, ...(video && { video }) });
    if (this.undoSteps.length > this.limit) this.undoSteps.splice(0, this.undoSteps.length - this.limit);
    this.topOpen = true;
  }

  /** The scene list undo would restore, given the scenes now; undefined when there is nothing to undo. */
  planUndo(current: Scene[]): HistoryMove | undefined {
    const step = this.undoSteps.at(-1);
    if (!step) return undefined;
    const scenes = keepJobChanges(current, step.after, step.before);
    const redoTo = keepJobChanges(current, step.after, step.after);
    return {
      scenes,
      ...(step.video && { video: { value: step.video.before } }),
      commit: () => {
        this.undoSteps.pop();
        this.redoSteps.push({ before: scenes, after: redoTo, at: step.at, ...(step.video && { video: step.video }) });
        this.topOpen = false;
      },
    };
  }

  planRedo(current: Scene[]): HistoryMove | undefined {
    const step = this.redoSteps.at(-1);
    if (!step) return undefined;
    const scenes = keepJobChanges(current, step.before, step.after);
    const undoTo = keepJobChanges(current, step.before, step.before);
    return {
      scenes,
      ...(step.video && { video: { value: step.video.after } }),
      commit: () => {
        this.redoSteps.pop();
        this.undoSteps.push({ before: undoTo, after: scenes, at: step.at, ...(step.video && { video: step.video }) });
        this.topOpen = false;
      },
    };
  }
}
