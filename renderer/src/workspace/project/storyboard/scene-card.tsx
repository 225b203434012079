import { Copy, GripVertical, Image as ImageIcon, Mic, PenLine, Plus, Trash2 } from 'lucide-react';
import { memo, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Asset, Scene, SceneChanges, VideoAspect } from '../../../../../preload/contract.js';
import { ASSET_DRAG_TYPE } from '../../../frame/asset-list.js';
import { SCENE_DRAG_TYPE, carries, isTextField, sideOf } from './scene-drag.js';
import { useCastNamesContext } from './cast-names.js';
import { rowAt } from './line-speakers.js';
import { LineVoicePicker } from './line-voice-picker.js';
import { SceneJobStatus } from './scene-job-status.js';
import { NarrationStale, narrationIsStale } from './narration-stale.js';
import { CaptionSourceNote } from './caption-source-note.js';
import { SceneProposal } from './scene-proposal.js';
import type { DropSide } from './scene-order.js';
import type { SceneSlot } from './scene-list.js';
import { ScenePicture } from './scene-picture.js';
import { SceneSoundSlot } from './scene-sound-slot.js';
import { SceneVideoSettings } from './scene-video-settings.js';
import { useDebouncedField, type PendingSaves } from './use-debounced-field.js';
import type { SceneActionKind, SceneJob } from './use-scene-jobs.js';
import type { PictureActionKind, PictureRun } from './use-scene-picture-jobs.js';
import type { PickerSlot } from './asset-picker-dialog.js';

/** What a card can ask of the storyboard; one object for every card, whose identity never changes. */
export interface SceneHandlers {
  update(sceneId: string, changes: SceneChanges, action: string): void;
  addAfter(index: number): void;
  duplicate(sceneId: string, index: number): void;
  remove(scene: Scene, index: number): void;
  /** Alt+↑/↓: one step up (-1) or down (1). */
  step(scene: Scene, index: number, direction: -1 | 1): void;
  action(sceneId: string, action: SceneActionKind): void;
  stop(sceneId: string): void;
  dismissError(sceneId: string): void;
  /** Upscale ×4, Repaint part… or Extend to a video's shape: the new picture becomes the scene's. */
  picture(scene: Scene, number: number, asset: Asset, action: PictureActionKind, aspect?: VideoAspect): void;
  stopPicture(sceneId: string): void;
  dismissPicture(sceneId: string): void;
  toggleSound(asset: Asset): void;
  dropAsset(scene: Scene, number: number, assetId: string, slot: 'card' | 'bed'): void;
  /** Opens the asset picker for one of the scene's slots. */
  choose(scene: Scene, number: number, slot: PickerSlot): void;
  sceneDragStart(sceneId: string): void;
  sceneDragOver(sceneId: string, side: DropSide): void;
  /** `movingId`: the dragged card, read from the drop itself (React state may not have caught up with a quick drag). */
  sceneDrop(over: Scene, index: number, side: DropSide, movingId: string): void;
  sceneDragEnd(): void;
  openModels(): void;
}

interface SceneCardProps {
  scene: Scene;
  /** Its place in the whole storyboard (a search shows some scenes only; `slot` is its place among those). */
  position: number;
  slot: SceneSlot;
  assetsById: ReadonlyMap<string, Asset>;
  /** The project's whole asset list is in (not only the first page of the open): an asset not in it is missing. */
  assetsKnown: boolean;
  run: SceneJob | undefined;
  /** A picture action running (or failed) on this card. */
  pictureRun: PictureRun | undefined;
  pending: PendingSaves;
  playingId: string | null;
  dropSide: DropSide | null;
  handlers: SceneHandlers;
}

const ACTIONS: readonly { action: SceneActionKind; label: string; icon: typeof PenLine; title: string }[] = [
  { action: 'write', label: 'Write', icon: PenLine, title: 'Draft the text from the title with the text model' },
  {
    action: 'illustrate',
    label: 'Illustrate',
    icon: ImageIcon,
    title: 'Make a picture from the text (diffusion when a model is installed, else a title card)',
  },
  { action: 'narrate', label: 'Narrate', icon: Mic, title: 'Speak the text with the built-in voice' },
];

/** One storyboard card: its number, title and text, picture, narration and sound bed, and what can be done with it. */
export const SceneCard = memo(
  SceneCardView,
  (a, b) =>
    a.scene === b.scene &&
    a.position === b.position &&
    a.assetsById === b.assetsById &&
    a.assetsKnown === b.assetsKnown &&
    a.pending === b.pending &&
    a.playingId === b.playingId &&
    a.dropSide === b.dropSide &&
    a.handlers === b.handlers &&
    sameSlot(a.slot, b.slot) &&
    sameRun(a.run, b.run) &&
    a.pictureRun?.job === b.pictureRun?.job &&
    a.pictureRun?.error === b.pictureRun?.error &&
    a.pictureRun?.action === b.pictureRun?.action,
);

function sameSlot(a: SceneSlot, b: SceneSlot): boolean {
  return a.index === b.index && a.count === b.count && a.offset === b.offset && a.tabbable === b.tabbable && a.measure === b.measure;
}

/** The jobs hook makes a new object per call; what it holds is what matters. */
function sameRun(a: SceneJob | undefined, b: SceneJob | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.action === b.action && a.job === b.job && a.partialText === b.partialText && a.error === b.error;
}

function SceneCardView({ scene, position: index, slot, assetsById, assetsKnown, run, pictureRun, pending, playingId, dropSide, handlers: on }: SceneCardProps) {
  const number = index + 1;
  const ids = { title: useId(), text: useId() };
  const [assetOver, setAssetOver] = useState(false);
  const castNames = useCastNamesContext();
  const [caretRow, setCaretRow] = useState(0);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const title = useDebouncedField(scene.title, (value) => on.update(scene.id, { title: value }, `save the title of scene ${number}`), pending);
  const text = useDebouncedField(scene.text, (value) => on.update(scene.id, { text: value }, `save the text of scene ${number}`), pending);
  const picture = scene.imageAssetId ? assetsById.get(scene.imageAssetId) : undefined;
  const narration = scene.narrationAssetId ? assetsById.get(scene.narrationAssetId) : undefined;
  const bed = scene.bedAssetId ? assetsById.get(scene.bedAssetId) : undefined;
  // The asset list may lag a moment behind a just-attached asset, or be the open's first page
  // only; call it missing once the whole list is in.
  const known = assetsKnown && assetsById.size > 0;
  const busy = run !== undefined && run.error === undefined && run.proposal === undefined;

  function onKeyDown(event: KeyboardEvent<HTMLLIElement>) {
    if (!event.altKey || event.ctrlKey || event.metaKey || isTextField(event.target)) return;
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    title.flush();
    text.flush();
    on.step(scene, index, event.key === 'ArrowUp' ? -1 : 1);
  }

  return (
    <li
      ref={slot.measure}
      className="scene-card"
      tabIndex={slot.tabbable ? 0 : -1}
      style={{ transform: `translateY(${slot.offset}px)` }}
      data-index={slot.index}
      aria-posinset={slot.index + 1}
      aria-setsize={slot.count}
      data-scene-id={scene.id}
      data-drop={dropSide ?? undefined}
      data-asset-over={assetOver || undefined}
      aria-label={`Scene ${number}${title.value.trim() ? `: ${title.value.trim()}` : ''}`}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        if (carries(event, ASSET_DRAG_TYPE)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'link';
          setAssetOver(true);
        } else if (carries(event, SCENE_DRAG_TYPE)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'move';
          on.sceneDragOver(scene.id, sideOf(event));
        }
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setAssetOver(false);
      }}
      onDrop={(event) => {
        setAssetOver(false);
        if (carries(event, ASSET_DRAG_TYPE)) {
          event.preventDefault();
          on.dropAsset(scene, number, event.dataTransfer.getData(ASSET_DRAG_TYPE), 'card');
        } else if (carries(event, SCENE_DRAG_TYPE)) {
          event.preventDefault();
          on.sceneDrop(scene, index, sideOf(event), event.dataTransfer.getData(SCENE_DRAG_TYPE));
        }
      }}
    >
      <div className="scene-rail">
        <span
          className="scene-grip"
          draggable
          title="Drag to reorder (or focus the card and press Alt+↑ / Alt+↓)"
          aria-hidden="true"
          onDragStart={(event) => {
            const card = event.currentTarget.closest('li');
            event.dataTransfer.setData(SCENE_DRAG_TYPE, scene.id);
            event.dataTransfer.effectAllowed = 'move';
            if (card) event.dataTransfer.setDragImage(card, 24, 24);
            on.sceneDragStart(scene.id);
          }}
          onDragEnd={on.sceneDragEnd}
        >
          <GripVertical size={16} />
        </span>
        <span className="scene-number" aria-hidden="true">
          {number}
        </span>
      </div>

      <ScenePicture
        number={number}
        asset={picture}
        missing={known && scene.imageAssetId !== undefined && picture === undefined}
        busy={(run?.action === 'illustrate' && busy) || (pictureRun !== undefined && pictureRun.error === undefined)}
        onPictureAction={(action, aspect) => picture && on.picture(scene, number, picture, action, aspect)}
        onDetach={() => on.update(scene.id, { imageAssetId: null }, `remove the picture from scene ${number}`)}
        onChoose={() => on.choose(scene, number, 'picture')}
      />

      <div className="scene-body">
        <label className="visually-hidden" htmlFor={ids.title}>
          Title of scene {number}
        </label>
        <input
          id={ids.title}
          className="scene-title-input"
          value={title.value}
          placeholder="Untitled scene"
          maxLength={200}
          onChange={(event) => title.change(event.target.value)}
          onBlur={title.flush}
        />
        <label className="visually-hidden" htmlFor={ids.text}>
          Text of scene {number}
        </label>
        <textarea
          id={ids.text}
          className="scene-text-input"
          value={text.value}
          rows={3}
          placeholder="What happens, or what the narrator says…"
          ref={textArea}
          onChange={(event) => text.change(event.target.value)}
          onSelect={(event) => setCaretRow(rowAt(event.currentTarget.value, event.currentTarget.selectionStart))}
          onBlur={text.flush}
        />
        <LineVoicePicker
          number={number}
          text={text.value}
          row={caretRow}
          names={castNames}
          onPick={(next) => {
            text.change(next.text);
            // Back in the text, the caret is where the picked line's words start.
            requestAnimationFrame(() => textArea.current?.setSelectionRange(next.caret, next.caret));
          }}
        />
        <SceneSoundSlot
          kind="narration"
          number={number}
          asset={narration}
          missing={known && scene.narrationAssetId !== undefined && narration === undefined}
          playing={narration !== undefined && playingId === narration.id}
          onToggle={on.toggleSound}
          onDetach={() => on.update(scene.id, { narrationAssetId: null }, `remove the narration from scene ${number}`)}
          onChoose={() => on.choose(scene, number, 'narration')}
        />
        <CaptionSourceNote number={number} narration={narration} assetsById={assetsById} />
        <SceneSoundSlot
          kind="bed"
          number={number}
          asset={bed}
          missing={known && scene.bedAssetId !== undefined && bed === undefined}
          playing={bed !== undefined && playingId === bed.id}
          onToggle={on.toggleSound}
          onDetach={() => on.update(scene.id, { bedAssetId: null }, `remove the sound bed from scene ${number}`)}
          onChoose={() => on.choose(scene, number, 'bed')}
          onDropAsset={(assetId) => on.dropAsset(scene, number, assetId, 'bed')}
        />
        <SceneVideoSettings scene={scene} number={number} picture={picture} save={(video, action) => on.update(scene.id, { video }, action)} />
        {narrationIsStale(narration, scene.text) && run?.action !== 'narrate' ? (
          <NarrationStale number={number} disabled={busy} onRenarrate={() => on.action(scene.id, 'narrate')} />
        ) : null}
        {run?.proposal ? (
          <SceneProposal
            number={number}
            action={run.action}
            proposal={run.proposal}
            assetsById={assetsById}
            onAccept={(changes) => {
              text.flush();
              on.update(
                scene.id,
                changes,
                `accept the new ${run.action === 'write' ? 'text' : run.action === 'illustrate' ? 'picture' : 'narration'} of scene ${number}`,
              );
              on.dismissError(scene.id);
            }}
            onDiscard={() => on.dismissError(scene.id)}
          />
        ) : run ? (
          <SceneJobStatus number={number} run={run} onStop={() => on.stop(scene.id)} onDismiss={() => on.dismissError(scene.id)} onOpenModels={on.openModels} />
        ) : null}
        {pictureRun ? (
          <SceneJobStatus
            number={number}
            run={pictureRun}
            onStop={() => on.stopPicture(scene.id)}
            onDismiss={() => on.dismissPicture(scene.id)}
            onOpenModels={on.openModels}
          />
        ) : null}
        <div className="scene-actions">
          <div className="scene-actions-group" role="group" aria-label={`Make for scene ${number}`}>
            {ACTIONS.map(({ action, label, icon: Icon, title: hint }) => (
              <button
                key={action}
                type="button"
                className="button button-small"
                title={hint}
                disabled={busy}
                onClick={() => {
                  title.flush();
                  text.flush();
                  on.action(scene.id, action);
                }}
              >
                <Icon aria-hidden="true" size={14} />
                {label}
              </button>
            ))}
          </div>
          <div className="scene-actions-group" role="group" aria-label={`Arrange scene ${number}`}>
            <button
              type="button"
              className="icon-button icon-button-small"
              aria-label={`Add a scene after scene ${number}`}
              title="Add a scene after this one"
              onClick={() => on.addAfter(index)}
            >
              <Plus aria-hidden="true" size={15} />
            </button>
            <button
              type="button"
              className="icon-button icon-button-small"
              aria-label={`Duplicate scene ${number}`}
              title="Duplicate"
              onClick={() => on.duplicate(scene.id, index)}
            >
              <Copy aria-hidden="true" size={14} />
            </button>
            <button
              type="button"
              className="icon-button icon-button-small scene-delete"
              aria-label={`Delete scene ${number}`}
              title="Delete (Undo brings it back)"
              onClick={() => on.remove(scene, index)}
            >
              <Trash2 aria-hidden="true" size={14} />
            </button>
          </div>
        </div>
      </div>
    </li>
  );
}
