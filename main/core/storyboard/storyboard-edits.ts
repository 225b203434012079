import { randomBytes } from 'node:crypto';
import type { Asset, AssetKind, Scene } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import { STORYBOARD_LIMITS, type SceneChanges, type StoryboardEdit } from '../../../preload/schemas/storyboard.js';

/** The scene fields that point at assets, and the kind each must have. */
const ASSET_FIELDS = { imageAssetId: 'image', narrationAssetId: 'audio', bedAssetId: 'audio' } as const satisfies Record<string, AssetKind>;
type AssetField = keyof typeof ASSET_FIELDS;

const FIELD_WORDS: Record<AssetField, string> = { imageAssetId: 'picture', narrationAssetId: 'narration', bedAssetId: 'sound bed' };

function newSceneId(): string {
  return randomBytes(6).toString('base64url');
}

export function findScene(scenes: readonly Scene[], sceneId: string): { scene: Scene; index: number } {
  const index = scenes.findIndex((s) => s.id === sceneId);
  const scene = scenes[index];
  if (!scene) throw new AtelierError('NOT_FOUND', `No scene ${sceneId} in this storyboard; it may have been deleted.`);
  return { scene, index };
}

function roomForOneMore(scenes: readonly Scene[]): void {
  if (scenes.length >= STORYBOARD_LIMITS.scenes) {
    throw new AtelierError('TOO_LARGE', `A storyboard holds at most ${STORYBOARD_LIMITS.scenes} scenes; delete one first.`);
  }
}

/** An asset may go on a scene only when it belongs to the project and is the right kind. */
function checkAttachment(field: AssetField, assetId: string, assets: Readonly<Record<string, Asset>>): void {
  const asset = Object.hasOwn(assets, assetId) ? assets[assetId] : undefined;
  if (!asset) throw new AtelierError('NOT_FOUND', `No asset ${assetId} in this project to use as the scene's ${FIELD_WORDS[field]}.`);
  const wanted = ASSET_FIELDS[field];
  if (asset.kind !== wanted) {
    throw new AtelierError(
      'INVALID_INPUT',
      `${asset.name} is ${asset.kind === 'image' || asset.kind === 'audio' ? 'an' : 'a'} ${asset.kind} asset; a scene's ${FIELD_WORDS[field]} must be ${wanted === 'image' ? 'an image' : 'audio'}.`,
    );
  }
}

/** A scene's video settings with the changes merged in; undefined when every field is back to its default. */
function mergeVideo(current: Scene['video'], changes: NonNullable<SceneChanges['video']>): Scene['video'] {
  const next: Partial<NonNullable<Scene['video']>> = { ...current };
  if (changes.motion !== undefined) next.motion = changes.motion;
  if (changes.transition !== undefined) next.transition = changes.transition;
  if (changes.durationSeconds === null) delete next.durationSeconds;
  else if (changes.durationSeconds !== undefined) next.durationSeconds = changes.durationSeconds;
  if (changes.focus === null) delete next.focus;
  else if (changes.focus !== undefined) next.focus = changes.focus;
  // Defaults are not stored: a scene set back to them saves as it was before it had settings.
  if (next.motion === 'auto') delete next.motion;
  if (next.transition === 'cross-fade') delete next.transition;
  if (Object.keys(next).length === 0) return undefined;
  return { motion: 'auto', transition: 'cross-fade', ...next };
}

function applyChanges(scene: Scene, changes: SceneChanges, assets: Readonly<Record<string, Asset>>): Scene {
  const next: Scene = { ...scene };
  if (changes.title !== undefined) next.title = changes.title;
  if (changes.text !== undefined) next.text = changes.text;
  if (changes.video !== undefined) {
    const video = mergeVideo(scene.video, changes.video);
    if (video) next.video = video;
    else delete next.video;
  }
  for (const field of Object.keys(ASSET_FIELDS) as AssetField[]) {
    const value = changes[field];
    if (value === undefined) continue;
    if (value === null) {
      delete next[field];
    } else {
      checkAttachment(field, value, assets);
      next[field] = value;
    }
  }
  return next;
}

export function scenesEqual(a: readonly Scene[], b: readonly Scene[]): boolean {
  return a.length === b.length && a.every((scene, i) => sceneEqual(scene, b[i] as Scene));
}

export function sceneEqual(a: Scene, b: Scene): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.text === b.text &&
    a.imageAssetId === b.imageAssetId &&
    a.narrationAssetId === b.narrationAssetId &&
    a.bedAssetId === b.bedAssetId &&
    videoEqual(a.video, b.video)
  );
}

function videoEqual(a: Scene['video'], b: Scene['video']): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.motion === b.motion && a.transition === b.transition && a.durationSeconds === b.durationSeconds && a.focus?.x === b.focus?.x && a.focus?.y === b.focus?.y
  );
}

/**
 * Applies one edit to a scene list and returns the new list (the input is never
 * changed). Unknown scenes, missing or wrong-kind assets and a full storyboard throw
 * typed errors; an edit that changes nothing returns an equal list.
 */
export function applyStoryboardEdit(
  scenes: readonly Scene[],
  edit: StoryboardEdit,
  assets: Readonly<Record<string, Asset>>,
  makeId: () => string = newSceneId,
): Scene[] {
  switch (edit.op) {
    case 'add': {
      roomForOneMore(scenes);
      const at = Math.min(edit.index ?? scenes.length, scenes.length);
      const scene: Scene = { id: makeId(), title: edit.title ?? '', text: edit.text ?? '' };
      return [...scenes.slice(0, at), scene, ...scenes.slice(at)];
    }
    case 'duplicate': {
      const { scene, index } = findScene(scenes, edit.sceneId);
      roomForOneMore(scenes);
      // The copy shares the original's assets: they are files in the project, not owned by one card.
      return [...scenes.slice(0, index + 1), { ...scene, id: makeId() }, ...scenes.slice(index + 1)];
    }
    case 'delete': {
      findScene(scenes, edit.sceneId);
      return scenes.filter((s) => s.id !== edit.sceneId);
    }
    case 'move': {
      const { scene, index } = findScene(scenes, edit.sceneId);
      // Past the end means "last", as a drop below the last card does.
      const to = Math.min(edit.toIndex, scenes.length - 1);
      const rest = scenes.filter((_, i) => i !== index);
      return [...rest.slice(0, to), scene, ...rest.slice(to)];
    }
    case 'update': {
      const { scene, index } = findScene(scenes, edit.sceneId);
      const next = applyChanges(scene, edit.changes, assets);
      return scenes.map((s, i) => (i === index ? next : s));
    }
    case 'video':
      // The scenes stay as they are; project-video-edit.ts changes the project's settings.
      return [...scenes];
  }
}

/** Typing in one field of one scene: the key under which consecutive updates coalesce into one undo step. */
export function typingKey(edit: StoryboardEdit): string | undefined {
  if (edit.op !== 'update') return undefined;
  const fields = Object.keys(edit.changes).filter((k) => edit.changes[k as keyof SceneChanges] !== undefined);
  if (fields.length !== 1) return undefined;
  const [field] = fields;
  return field === 'title' || field === 'text' ? `${edit.sceneId}:${field}` : undefined;
}
