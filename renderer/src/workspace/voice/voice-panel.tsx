import { FolderPlus } from 'lucide-react';
import { useCallback, useState } from 'react';
import type { Asset, ProjectSummary } from '../../../../preload/contract.js';
import type { AppInfoState } from '../../state/use-app-info.js';
import { useClipPlayer, type ClipPlayer } from '../../state/use-clip-player.js';
import { useSoundGeneration } from './sound/use-sound-generation.js';
import { useVoiceGeneration } from './use-voice-generation.js';
import '../../styles/voice.css';
import { EngineList, EngineListStatus, enginesFor } from '../engine-list.js';
import { ClipList } from './sound/clip-list.js';
import { EffectsPanel } from './sound/effects-panel.js';
import { NarrationPanel } from './narration-panel.js';
import { RecordPanel } from './record/record-panel.js';
import { WaveformPlayer } from './waveform-player.js';

interface VoicePanelProps {
  appInfo: AppInfoState;
  project: ProjectSummary | null;
  assets: Asset[] | null;
  selectedAssetId: string | null;
  onSelectAsset(asset: Asset): void;
  onNewProject(): void;
  onOpenModels(): void;
}

/**
 * The Voice tab: narration on top, then the player with the waveform of the
 * selected or newest clip and the project's clips, then sound effects and music.
 */
export function VoicePanel({ appInfo, project, assets, selectedAssetId, onSelectAsset, onNewProject, onOpenModels }: VoicePanelProps) {
  const player = useClipPlayer();
  const { play } = player;
  const [autoplay, setAutoplay] = useState(true);
  const [latest, setLatest] = useState<Asset | null>(null);
  const onMade = useCallback(
    (asset: Asset) => {
      setLatest(asset);
      onSelectAsset(asset);
      if (autoplay) void play(asset, { quiet: true });
    },
    [autoplay, play, onSelectAsset],
  );
  const sound = useSoundGeneration(onMade);
  const voice = useVoiceGeneration(onMade);
  const clips = assets?.filter((asset) => asset.kind === 'audio') ?? null;

  // The waveform shows the selected clip (playing one from the list or making one selects it), else the newest.
  const shown =
    clips?.find((clip) => clip.id === selectedAssetId) ??
    clips?.find((clip) => clip.id === player.currentId) ??
    (latest && (clips === null || clips.some((clip) => clip.id === latest.id) || latest.id === selectedAssetId) ? latest : null) ??
    clips?.[0] ??
    null;

  // Playing a clip from the list also shows it in the waveform.
  const listPlayer: ClipPlayer = {
    ...player,
    toggle: (asset: Asset) => {
      onSelectAsset(asset);
      player.toggle(asset);
    },
  };

  return (
    <div className="voice-tab">
      {project ? null : (
        <div className="notice notice-action">
          <FolderPlus aria-hidden="true" size={16} />
          <p>Narration and sounds you make are kept in a project. Open one in the sidebar, or create one to start.</p>
          <button type="button" className="button button-small" onClick={onNewProject}>
            Create a project
          </button>
        </div>
      )}
      <NarrationPanel project={project} assets={assets} generation={voice} onOpenModels={onOpenModels} />
      <RecordPanel enabled={project !== null} onMade={onMade} />
      {project ? (
        <>
          <WaveformPlayer asset={shown} player={player} autoplay={autoplay} onAutoplayChange={setAutoplay} />
          <ClipList clips={clips} player={listPlayer} selectedId={selectedAssetId} onSelect={onSelectAsset} />
        </>
      ) : null}
      <EffectsPanel enabled={project !== null} busy={sound.busy} onGenerate={(request, key) => void sound.generate(request, key)} />
      <details className="voice-engines">
        <summary>Voice engines on this computer</summary>
        {appInfo.info ? <EngineList engines={enginesFor(appInfo.info, ['voice'])} label="Voice engines" /> : <EngineListStatus appInfo={appInfo} />}
      </details>
    </div>
  );
}
