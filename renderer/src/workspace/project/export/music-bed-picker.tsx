import { useEffect, useState } from 'react';
import type { Asset } from '../../../../../preload/contract.js';
import { formatDuration } from '../../../format/duration.js';
import { useClient } from '../../../state/client-context.js';

/** The project's sounds, asked for once when the dialog opens; null while asking. */
function useProjectSounds(): Asset[] | null {
  const { api } = useClient();
  const [sounds, setSounds] = useState<Asset[] | null>(null);
  useEffect(() => {
    let live = true;
    api.assets
      .list({})
      .then((assets) => live && setSounds(assets.filter((a) => a.kind === 'audio')))
      .catch(() => live && setSounds([]));
    return () => {
      live = false;
    };
  }, [api]);
  return sounds;
}

function soundLabel(asset: Asset): string {
  const ms = asset.origin.durationMs;
  return ms === undefined ? asset.name : `${asset.name} (${formatDuration(ms / 1000)})`;
}

/**
 * A music bed under the whole video: one of the project's sounds, looped or cut to the
 * video's length, faded in and out and ducked under the narration by the export.
 */
export function MusicBedPicker({ id, value, onChange }: { id: string; value: string | null; onChange(assetId: string | null): void }) {
  const sounds = useProjectSounds();
  const hintId = `${id}-music-hint`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={`${id}-music`}>
        Music bed
      </label>
      <select
        id={`${id}-music`}
        className="select"
        value={value ?? ''}
        aria-describedby={hintId}
        disabled={sounds === null}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">No music</option>
        {(sounds ?? []).map((asset) => (
          <option key={asset.id} value={asset.id}>
            {soundLabel(asset)}
          </option>
        ))}
      </select>
      <p id={hintId} className="settings-hint">
        {sounds !== null && sounds.length === 0
          ? 'The project has no sounds yet: make one on the Voice tab or import one.'
          : 'Looped to the video’s length, faded in and out, and lowered while the narration speaks.'}
      </p>
    </div>
  );
}
