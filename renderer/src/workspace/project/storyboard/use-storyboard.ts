import { useCallback, useEffect, useRef, useState } from 'react';
import type { StoryboardEdit, StoryboardState } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { takePrefetched } from '../../../state/open-prefetch.js';
import { useNotify } from '../../../state/notifications.js';
import { reuseScenes } from './reuse-scenes.js';

interface Storyboard {
  /** null while the first answer is on its way. */
  state: StoryboardState | null;
  /** Why the storyboard could not be read, when it could not. */
  loadError: unknown;
  edit(edit: StoryboardEdit, action: string): Promise<StoryboardState | null>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  reload(): void;
  /** Runs `call` after every edit queued so far reached main (a scene action reads the text just typed). */
  afterEdits<T>(call: () => Promise<T>): Promise<T>;
}

/**
 * The open project's scenes, mirrored from main. Every call goes through one queue,
 * so a text save typed before a move or an undo reaches main before it, and a
 * refetch never overtakes an edit and brings back an older list.
 */
export function useStoryboard(projectId: string): Storyboard {
  const client = useClient();
  const { api } = client;
  const notify = useNotify();
  const [state, setState] = useState<StoryboardState | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const live = useRef(true);
  // The project revision of the newest state applied: the project.changed of an edit whose answer
  // is already here (this page's own save, most often) needs no second read of every scene.
  const heldRevision = useRef(-1);

  const enqueue = useCallback(<T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(run, run);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const apply = useCallback(
    (next: StoryboardState) => {
      // An answer for a project that is no longer open is dropped (the panel remounts per project).
      if (!live.current || next.projectId !== projectId) return;
      // Assigned, not raised: answers arrive in the queue's order, and a restarted host counts from 0 again.
      heldRevision.current = next.revision ?? -1;
      setState((previous) => {
        const scenes = reuseScenes(previous?.projectId === next.projectId ? previous.scenes : undefined, next.scenes);
        if (
          previous &&
          scenes === previous.scenes &&
          previous.canUndo === next.canUndo &&
          previous.canRedo === next.canRedo &&
          JSON.stringify(previous.video) === JSON.stringify(next.video)
        )
          return previous;
        return { ...next, scenes };
      });
    },
    [projectId],
  );

  // A reload waiting in the queue will read whatever changed before it starts: a second one would
  // read the same. It is owed the newest revision announced ('any' when one came without a number).
  const reloadWaiting = useRef<number | 'any' | null>(null);
  const read = useCallback(
    async (answer: Promise<StoryboardState>) => {
      try {
        apply(await answer);
        setLoadError(null);
      } catch (error) {
        if (live.current) setLoadError(error);
      }
    },
    [apply],
  );
  const load = useCallback(
    (revision?: number) => {
      if (revision !== undefined && heldRevision.current >= revision) return;
      const owed = reloadWaiting.current;
      if (owed !== null) {
        reloadWaiting.current = revision === undefined || owed === 'any' ? 'any' : Math.max(owed, revision);
        return;
      }
      reloadWaiting.current = revision ?? 'any';
      void enqueue(async () => {
        const wanted = reloadWaiting.current;
        reloadWaiting.current = null;
        // An edit queued before this reload may have brought that revision meanwhile.
        if (typeof wanted === 'number' && heldRevision.current >= wanted) return;
        await read(api.storyboard.get({}));
      });
    },
    [api, enqueue, read],
  );

  useEffect(() => {
    live.current = true;
    // Asked for as the project opened (open-prefetch.ts), taken now, while mounting.
    const prefetched = takePrefetched<StoryboardState>('storyboard', projectId);
    if (prefetched) void enqueue(() => read(prefetched));
    else load();
    const stops = [
      // Another project's change (the one closed as this one opened, say) is not this storyboard's.
      // An asset added or made leaves the scenes as they were (storyboard: false): nothing to read again.
      api.events.on('project.changed', ({ projectId: changed, revision, storyboard }) => {
        if (changed === projectId && storyboard !== false) load(revision);
      }),
      client.onReconnect(() => load()),
    ];
    return () => {
      live.current = false;
      stops.forEach((stop) => stop());
    };
  }, [api, client, projectId, load, enqueue, read]);
  const reload = useCallback(() => load(), [load]);

  const edit = useCallback(
    (change: StoryboardEdit, action: string) =>
      enqueue(async () => {
        try {
          const next = await api.storyboard.edit(change);
          apply(next);
          return next;
        } catch (error) {
          notify.error(error, action);
          return null;
        }
      }),
    [api, apply, enqueue, notify],
  );

  const undo = useCallback(
    () =>
      enqueue(async () => {
        try {
          apply(await api.storyboard.undo({}));
        } catch (error) {
          notify.error(error, 'undo');
        }
      }),
    [api, apply, enqueue, notify],
  );

  const redo = useCallback(
    () =>
      enqueue(async () => {
        try {
          apply(await api.storyboard.redo({}));
        } catch (error) {
          notify.error(error, 'redo');
        }
      }),
    [api, apply, enqueue, notify],
  );

  return { state, loadError, edit, undo, redo, reload, afterEdits: enqueue };
}
