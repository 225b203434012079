import { AudioLines, FolderPlus } from 'lucide-react';
import { useCallback, useState } from 'react';
import type { Asset, ProjectSummary } from '../../../preload/contract.js';
import type { AppInfoState } from '../state/use-app-info.js';
import { useClipPlayer } from '../state/use-clip-player.js';
import { useSoundGeneration } from '../state/use-sound-generation.js';
import { EngineList, EngineListStatus, enginesFor } from './engine-list.js';
import { ClipList } from './sound/clip-list.js';
import { EffectsPanel } from './sound/effects-panel.js';

interface VoicePanelProps {
  appInfo: AppInfoState;
  project: ProjectSummary | null;
  assets: Asset[] | null;
  selectedAssetId: string | null;
  onSelectAsset(asset: Asset): void;
  onNewProject(): void;
}

/** The Voice tab: sound effects, ambience and loops now; narration voices when their engines arrive. */
export function VoicePanel({ appInfo, project, assets, selectedAssetId, onSelectAsset, onNewProject }: VoicePanelProps) {
  const player = useClipPlayer();
  const [autoplay, setAutoplay] = useState(true);
  const onMade = useCallback(
    (asset: Asset) => {
      if (autoplay) void player.play(asset, { quiet: true });
    },
    [autoplay, player.play],
  );
  const generation = useSoundGeneration(onMade);
  const clips = assets?.filter((asset) => asset.kind === 'audio') ?? null;

  return (
    <>
      {project ? null : (
        <div className="notice notice-action">
          <FolderPlus aria-hidden="true" size={16} />
          <p>Sounds you make are kept in a project. Open one in the sidebar, or create one to start.</p>
          <button type="button" className="button button-small" onClick={onNewProject}>
            Create a project
          </button>
        </div>
      )}
      <EffectsPanel
        enabled={project !== null}
        busy={generation.busy}
        onGenerate={(request, key) => void generation.generate(request, key)}
        autoplay={autoplay}
        onAutoplayChange={setAutoplay}
      />
      {project ? <ClipList clips={clips} player={player} selectedId={selectedAssetId} onSelect={onSelectAsset} /> : null}
      <div className="panel-section">
        <h3 className="section-title">Voices</h3>
        <div className="notice">
          <AudioLines aria-hidden="true" size={16} />
          <p>
            Narration arrives later: a built-in voice for many languages, and natural voices after one download. The
            script editor and waveform come with it.
          </p>
        </div>
        {appInfo.info ? (
          <EngineList engines={enginesFor(appInfo.info, ['voice'])} label="Voice engines" />
        ) : (
          <EngineListStatus appInfo={appInfo} />
        )}
      </div>
    </>
  );
}
