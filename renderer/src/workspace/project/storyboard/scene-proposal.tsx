import { Check, X } from 'lucide-react';
import type { Asset, SceneChanges } from '../../../../../preload/contract.js';
import type { SceneActionResult } from '../../../../../preload/schemas/job-results.js';
import { AssetThumbnail } from '../../../components/asset-thumbnail.js';
import type { SceneActionKind } from './use-scene-jobs.js';

interface SceneProposalProps {
  number: number;
  action: SceneActionKind;
  proposal: SceneActionResult;
  assetsById: ReadonlyMap<string, Asset>;
  onAccept(changes: SceneChanges): void;
  onDiscard(): void;
}

const WHAT = { write: 'New text', illustrate: 'New picture', narrate: 'New narration' } as const;
const REPLACES = { write: 'your text', illustrate: 'the picture', narrate: 'your recording' } as const;

/**
 * A result that would have replaced the creator's own work, offered on the card: the
 * scene keeps what it has until Accept (an ordinary edit, so Undo takes it back); Discard
 * drops the offer (a made picture or narration stays in the project's assets).
 */
export function SceneProposal({ number, action, proposal, assetsById, onAccept, onDiscard }: SceneProposalProps) {
  const asset = proposal.assetId ? assetsById.get(proposal.assetId) : undefined;
  const changes: SceneChanges =
    action === 'write'
      ? { text: proposal.text ?? '' }
      : action === 'illustrate'
        ? { imageAssetId: proposal.assetId ?? null }
        : { narrationAssetId: proposal.assetId ?? null };
  return (
    <div className="scene-job scene-proposal" role="group" aria-label={`${WHAT[action]} for scene ${number}`}>
      <p className="scene-proposal-title">
        <strong>{WHAT[action]}</strong> — accept it to replace {REPLACES[action]}.
      </p>
      {action === 'write' ? (
        <p className="scene-job-partial">{proposal.text}</p>
      ) : asset ? (
        <div className="scene-proposal-asset">
          <AssetThumbnail asset={asset} />
          <span title={asset.name}>{asset.name}</span>
        </div>
      ) : null}
      <div className="scene-job-row">
        <button type="button" className="button button-small button-primary" onClick={() => onAccept(changes)}>
          <Check aria-hidden="true" size={14} />
          Accept
        </button>
        <button type="button" className="button button-small" onClick={onDiscard}>
          <X aria-hidden="true" size={14} />
          Discard
        </button>
      </div>
    </div>
  );
}
