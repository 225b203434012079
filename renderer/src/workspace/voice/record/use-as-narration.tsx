import { useEffect, useId, useState } from 'react';
import type { Asset, Scene } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { useNotify } from '../../../state/notifications.js';
import { useCanTranscribe, useTranscribeAsset } from '../use-transcribe-asset.js';

/** "Scene 2: The harbour", with a note when it already has narration (which the take would replace). */
function sceneLabel(scene: Scene, index: number): string {
  const title = scene.title.trim();
  return `Scene ${index + 1}${title ? `: ${title}` : ''}${scene.narrationAssetId ? ' (has narration)' : ''}`;
}

/**
 * Right after a take is kept, where the creator is looking: make it a scene's narration
 * (the same storyboard edit as dropping the clip on the scene's card, so Undo takes it back),
 * and, with a speech-to-text model installed, start its transcript for the captions.
 */
export function UseAsNarration({ asset }: { asset: Asset }) {
  const { api } = useClient();
  const notify = useNotify();
  const transcribe = useTranscribeAsset();
  const canTranscribe = useCanTranscribe();
  const selectId = useId();
  const [scenes, setScenes] = useState<Scene[] | null>(null);
  const [sceneId, setSceneId] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api.storyboard.get({}).then(
      (state) => {
        if (!live) return;
        setScenes(state.scenes);
        // The first scene without narration is the likely one.
        setSceneId((state.scenes.find((scene) => !scene.narrationAssetId) ?? state.scenes[0])?.id ?? '');
      },
      () => live && setScenes([]),
    );
    return () => {
      live = false;
    };
  }, [api, asset.id]);

  if (scenes === null) return null;
  if (scenes.length === 0) return <p className="inline-field-note">Add a scene in the Project tab to narrate it with this take.</p>;

  async function use() {
    const index = scenes?.findIndex((scene) => scene.id === sceneId) ?? -1;
    if (index < 0 || busy) return;
    setBusy(true);
    try {
      const state = await api.storyboard.edit({ op: 'update', sceneId, changes: { narrationAssetId: asset.id } });
      setScenes(state.scenes);
      notify.success(`Scene ${index + 1} is narrated by your take`, 'Undo in the Project tab takes it back.');
      // Its captions come from its transcript: made now, while the creator moves on, when a model can.
      if (await canTranscribe()) await transcribe(asset);
    } catch (error) {
      notify.error(error, 'use the take as narration');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="voice-record-use">
      <label htmlFor={selectId}>Narrate</label>
      <select id={selectId} className="select-input" value={sceneId} onChange={(event) => setSceneId(event.target.value)}>
        {scenes.map((scene, index) => (
          <option key={scene.id} value={scene.id}>
            {sceneLabel(scene, index)}
          </option>
        ))}
      </select>
      <button type="button" className="button button-small" disabled={busy || sceneId === ''} onClick={() => void use()}>
        Use as narration
      </button>
    </div>
  );
}
