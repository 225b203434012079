import { Clapperboard, Plus, Sparkles } from 'lucide-react';
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import type { Asset, Scene, SceneChanges } from '../../../../../preload/contract.js';
import { EmptyState } from '../../../components/empty-state.js';
import { ListSearch } from '../../../components/list-search.js';
import { useClient } from '../../../state/client-context.js';
import { useNotify } from '../../../state/notifications.js';
import { useClipPlayer } from '../../../state/use-clip-player.js';
import type { JobsState } from '../../../state/use-jobs.js';
import { isWholeAssetList } from '../../../state/use-assets.js';
import { useStableHandlers } from '../../../state/use-stable-handlers.js';
import { useUndoShortcuts } from '../../../state/use-shortcuts.js';
import { CastNamesProvider, useCastNames } from './cast-names.js';
import { PromptRunStatus } from './prompt-run-status.js';
import { SceneCard, type SceneHandlers } from './scene-card.js';
import { filterScenes } from './scene-filter.js';
import { SceneList, type SceneListHandle } from './scene-list.js';
import { keyboardMoveTarget, moveTarget, type DropSide } from './scene-order.js';
import { StoryboardToolbar } from './storyboard-toolbar.js';
import { useSceneJobs } from './use-scene-jobs.js';
import { useScenePictures } from './use-scene-pictures.js';
import { useStoryboard } from './use-storyboard.js';
import type { PendingSaves } from './use-debounced-field.js';
import { ProjectVideoSettingsPanel } from './project-video-settings.js';
import { StoryboardOverview } from './storyboard-overview.js';
import { AssetPickerDialog, SLOT_NAMES, type PickerSlot } from './asset-picker-dialog.js';

/** Loaded when first played. */
const StoryboardPlayer = lazy(() => import('./storyboard-player.js').then((module) => ({ default: module.StoryboardPlayer })));

interface StoryboardViewProps {
  projectId: string;
  /** The project's title: the poster frame's title card says it. */
  title: string;
  assets: Asset[] | null;
  jobs: JobsState;
  /** The Project tab is on screen with its scenes: the undo shortcuts are live. */
  active: boolean;
  onFromPrompt(): void;
  onOpenModels(): void;
  /** A From a prompt run just started here: its status takes the focus. */
  focusRunId: string | null;
}

export function StoryboardView({ projectId, title, assets, jobs, active, onFromPrompt, onOpenModels, focusRunId }: StoryboardViewProps) {
  const { api } = useClient();
  const notify = useNotify();
  const storyboard = useStoryboard(projectId);
  const castNames = useCastNames(projectId);
  const sceneJobs = useSceneJobs(jobs);
  const clip = useClipPlayer();
  const pending = useRef<PendingSaves>(new Set()).current;
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<string | null>(null);
  const [drop, setDrop] = useState<{ sceneId: string; side: DropSide } | null>(null);
  const [picking, setPicking] = useState<{ scene: Scene; number: number; slot: PickerSlot } | null>(null);
  const [playing, setPlaying] = useState(false);
  const [query, setQuery] = useState('');
  const list = useRef<SceneListHandle>(null);
  const pictures = useScenePictures(storyboard.edit, onOpenModels, setAnnouncement);
  // The list itself mounts with the first scene: an add on an empty storyboard waits a frame or two for it.
  // Stable, so the memoised overview strip is not drawn again on every render of the storyboard.
  const focusScene = useCallback(function focusScene(sceneId: string, selector?: string, framesLeft = 30): void {
    if (list.current) list.current.reveal(sceneId, selector);
    else if (framesLeft > 0) requestAnimationFrame(() => focusScene(sceneId, selector, framesLeft - 1));
  }, []);
  const assetsById = useMemo(() => new Map((assets ?? []).map((asset) => [asset.id, asset])), [assets]);
  const scenes = storyboard.state?.scenes ?? null;

  const flushAll = useCallback(() => pending.forEach((flush) => flush()), [pending]);
  const undo = useCallback(() => {
    flushAll();
    void storyboard.undo();
  }, [flushAll, storyboard]);
  const redo = useCallback(() => {
    flushAll();
    void storyboard.redo();
  }, [flushAll, storyboard]);
  useUndoShortcuts({ undo, redo }, active && !playing);

  async function add(index?: number) {
    flushAll();
    const before = new Set(scenes?.map((s) => s.id));
    const next = await storyboard.edit({ op: 'add', ...(index !== undefined && { index }) }, 'add a scene');
    const added = next?.scenes.find((s) => !before.has(s.id));
    if (added) {
      setAnnouncement(`Scene ${next!.scenes.indexOf(added) + 1} added`);
      focusScene(added.id, 'input');
    }
  }

  async function move(scene: Scene, toIndex: number) {
    const next = await storyboard.edit({ op: 'move', sceneId: scene.id, toIndex }, 'move the scene');
    if (!next) return;
    setAnnouncement(`${scene.title.trim() || 'Scene'} moved to position ${toIndex + 1} of ${next.scenes.length}`);
    focusScene(scene.id);
  }

  async function remove(scene: Scene, index: number) {
    flushAll();
    const next = await storyboard.edit({ op: 'delete', sceneId: scene.id }, 'delete the scene');
    if (!next) return;
    const label = scene.title.trim() ? `“${scene.title.trim()}”` : `Scene ${index + 1}`;
    setAnnouncement(`${label} deleted`);
    notify.info('Scene deleted', `${label} is gone from the storyboard.`, { label: 'Undo', run: () => void storyboard.undo() });
    const neighbour = next.scenes[Math.min(index, next.scenes.length - 1)];
    if (neighbour) focusScene(neighbour.id);
  }

  async function dropAsset(scene: Scene, number: number, assetId: string, slot: 'card' | 'bed') {
    const asset = assetsById.get(assetId);
    if (!asset) {
      notify.info('That file is not in this project', 'Drag a picture or a sound from the open project’s assets.');
      return;
    }
    let changes: SceneChanges;
    if (slot === 'bed' || asset.kind === 'audio') {
      if (asset.kind !== 'audio') {
        notify.info('A sound bed is a sound', `“${asset.name}” is not audio. Drop a WAV or MP3 here.`);
        return;
      }
      changes = slot === 'bed' ? { bedAssetId: asset.id } : { narrationAssetId: asset.id };
    } else if (asset.kind === 'image') {
      changes = { imageAssetId: asset.id };
    } else if (asset.kind === 'text') {
      try {
        const document = await api.text.readDocument({ assetId: asset.id });
        changes = { text: document.markdown };
      } catch (error) {
        notify.error(error, `read “${asset.name}”`);
        return;
      }
    } else {
      notify.info('Scenes take pictures, sounds and text', `“${asset.name}” can’t go on a card.`);
      return;
    }
    const slotName = 'bedAssetId' in changes ? 'sound bed' : 'narrationAssetId' in changes ? 'narration' : 'imageAssetId' in changes ? 'picture' : 'text';
    const next = await storyboard.edit({ op: 'update', sceneId: scene.id, changes }, `put “${asset.name}” on scene ${number}`);
    if (next) setAnnouncement(`“${asset.name}” is now the ${slotName} of scene ${number}`);
  }

  async function pick(target: { scene: Scene; number: number; slot: PickerSlot }, asset: Asset) {
    setPicking(null);
    const { scene, number, slot } = target;
    const changes: SceneChanges =
      slot === 'picture' ? { imageAssetId: asset.id } : slot === 'narration' ? { narrationAssetId: asset.id } : { bedAssetId: asset.id };
    const next = await storyboard.edit({ op: 'update', sceneId: scene.id, changes }, `put “${asset.name}” on scene ${number}`);
    if (next) setAnnouncement(`“${asset.name}” is now the ${SLOT_NAMES[slot]} of scene ${number}`);
  }

  function dropScene(over: Scene, overIndex: number, side: DropSide, moving: string) {
    setDragging(null);
    setDrop(null);
    if (!moving || !scenes) return;
    const from = scenes.findIndex((s) => s.id === moving);
    const scene = scenes[from];
    const toIndex = from < 0 ? null : moveTarget(from, overIndex, side);
    if (scene && toIndex !== null && over.id !== moving) void move(scene, toIndex);
  }

  const playingId = clip.state === 'playing' || clip.state === 'loading' ? clip.currentId : null;
  const positions = useMemo(() => new Map((scenes ?? []).map((scene, index) => [scene.id, index])), [scenes]);
  const shown = useMemo(() => (scenes ? filterScenes(scenes, query) : []), [scenes, query]);
  const handlers = useStableHandlers<SceneHandlers>({
    update: (sceneId, changes, action) => void storyboard.edit({ op: 'update', sceneId, changes }, action),
    addAfter: (index) => void add(index + 1),
    duplicate: (sceneId, index) => {
      flushAll();
      void storyboard.edit({ op: 'duplicate', sceneId }, 'duplicate the scene').then((next) => {
        if (next) setAnnouncement(`Scene ${index + 1} duplicated as scene ${index + 2}`);
      });
    },
    remove: (scene, index) => void remove(scene, index),
    step: (scene, index, direction) => {
      const toIndex = keyboardMoveTarget(index, scenes?.length ?? 0, direction);
      if (toIndex === null) setAnnouncement(direction < 0 ? 'Already the first scene' : 'Already the last scene');
      else void move(scene, toIndex);
    },
    // The card flushed its typing into the queue; the action waits for it, or Illustrate would read the old text.
    action: (sceneId, action) => void storyboard.afterEdits(() => sceneJobs.start(sceneId, action)),
    stop: (sceneId) => sceneJobs.stop(sceneId),
    dismissError: (sceneId) => sceneJobs.dismissError(sceneId),
    picture: (scene, number, asset, action, aspect) => pictures.act(scene, number, asset, action, aspect),
    stopPicture: (sceneId) => pictures.stop(sceneId),
    dismissPicture: (sceneId) => pictures.dismiss(sceneId),
    toggleSound: (asset) => clip.toggle(asset),
    dropAsset: (scene, number, assetId, slot) => void dropAsset(scene, number, assetId, slot),
    choose: (scene, number, slot) => setPicking({ scene, number, slot }),
    sceneDragStart: (sceneId) => setDragging(sceneId),
    sceneDragOver: (sceneId, side) => setDrop((current) => (current?.sceneId === sceneId && current.side === side ? current : { sceneId, side })),
    sceneDrop: (over, index, side, movingId) => dropScene(over, index, side, movingId),
    sceneDragEnd: () => {
      setDragging(null);
      setDrop(null);
    },
    openModels: () => onOpenModels(),
  });

  if (storyboard.loadError && !storyboard.state) {
    return (
      <div className="notice notice-error" role="alert">
        <p>The storyboard could not be read. {storyboard.loadError instanceof Error ? storyboard.loadError.message : ''}</p>
        <button type="button" className="button button-small" onClick={storyboard.reload}>
          Try again
        </button>
      </div>
    );
  }

  return (
    <CastNamesProvider value={castNames}>
      <section className="storyboard" aria-label="Storyboard" aria-busy={scenes === null || undefined}>
        <StoryboardToolbar
          sceneCount={scenes?.length ?? 0}
          canUndo={storyboard.state?.canUndo ?? false}
          canRedo={storyboard.state?.canRedo ?? false}
          onAdd={() => void add()}
          onUndo={undo}
          onRedo={redo}
          onFromPrompt={onFromPrompt}
          onPlay={() => {
            flushAll();
            clip.audioRef.current?.pause();
            setPlaying(true);
          }}
        />
        {storyboard.state && scenes && scenes.length > 0 ? (
          <ProjectVideoSettingsPanel
            video={storyboard.state.video}
            scenes={scenes}
            assets={assets ?? []}
            assetsById={assetsById}
            title={title}
            save={(changes, action) => void storyboard.edit({ op: 'video', changes }, action)}
          />
        ) : null}
        <PromptRunStatus jobs={jobs} sceneCount={scenes?.length ?? 0} focusJobId={focusRunId} />
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>

        {scenes === null ? (
          <p className="muted" role="status">
            Loading the storyboard…
          </p>
        ) : scenes.length === 0 ? (
          <EmptyState
            icon={Clapperboard}
            title="An empty storyboard"
            actions={
              <>
                <button type="button" className="button button-primary" onClick={() => void add()}>
                  <Plus aria-hidden="true" size={15} />
                  Add a scene
                </button>
                <button type="button" className="button" onClick={onFromPrompt}>
                  <Sparkles aria-hidden="true" size={15} />
                  From a prompt…
                </button>
              </>
            }
          >
            <p>
              Each scene is a card with text, a picture, narration and an optional sound bed. Add scenes one by one, or describe a story and let the text model
              write them.
            </p>
          </EmptyState>
        ) : (
          <>
            <StoryboardOverview scenes={scenes} assetsById={assetsById} onReveal={focusScene} />
            <ListSearch
              label="Search scenes"
              placeholder="Search titles and text"
              query={query}
              shown={shown.length}
              total={scenes.length}
              onChange={setQuery}
            />
            {shown.length === 0 ? <p className="muted">No scene matches “{query.trim()}”.</p> : null}
            <SceneList
              scenes={shown}
              dragging={dragging}
              handleRef={list}
              renderCard={(scene, slot) => (
                <SceneCard
                  key={scene.id}
                  scene={scene}
                  position={positions.get(scene.id) ?? slot.index}
                  slot={slot}
                  assetsById={assetsById}
                  assetsKnown={isWholeAssetList(assets)}
                  run={sceneJobs.forScene(scene.id)}
                  pictureRun={pictures.forScene(scene.id)}
                  pending={pending}
                  playingId={playingId}
                  dropSide={drop?.sceneId === scene.id ? drop.side : null}
                  handlers={handlers}
                />
              )}
            />
          </>
        )}
        {scenes && scenes.length > 0 ? (
          <button type="button" className="button scene-add-end" onClick={() => void add()}>
            <Plus aria-hidden="true" size={15} />
            Add a scene at the end
          </button>
        ) : null}

        <audio
          ref={clip.audioRef}
          preload="none"
          onPlaying={clip.events.onPlaying}
          onPause={clip.events.onPause}
          onEnded={clip.events.onEnded}
          onTimeUpdate={clip.events.onTimeUpdate}
        />
        {playing && scenes && scenes.length > 0 ? (
          <Suspense fallback={null}>
            <StoryboardPlayer scenes={scenes} assetsById={assetsById} onClose={() => setPlaying(false)} />
          </Suspense>
        ) : null}
        {pictures.dialog}
        {picking ? (
          <AssetPickerDialog
            slot={picking.slot}
            number={picking.number}
            assets={assets ?? []}
            currentId={
              picking.slot === 'picture' ? picking.scene.imageAssetId : picking.slot === 'narration' ? picking.scene.narrationAssetId : picking.scene.bedAssetId
            }
            onPick={(asset) => void pick(picking, asset)}
            onClose={() => setPicking(null)}
          />
        ) : null}
      </section>
    </CastNamesProvider>
  );
}
