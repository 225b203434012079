import { RefreshCw, TriangleAlert } from 'lucide-react';
import type { Asset } from '../../../../../preload/contract.js';

/** Voice assets keep the text they spoke, cut to this length (main/core/voice/voice-models.ts). */
const SPOKEN_TEXT_LIMIT = 2000;

/** A narration this studio spoke from text that the scene no longer has. A recording (imported) has no text to compare. */
export function narrationIsStale(narration: Asset | undefined, sceneText: string): boolean {
  const spoken = narration?.origin.prompt;
  if (!narration || narration.origin.engine === 'import' || spoken === undefined) return false;
  return spoken !== sceneText.slice(0, SPOKEN_TEXT_LIMIT);
}

interface NarrationStaleProps {
  number: number;
  disabled: boolean;
  onRenarrate(): void;
}

/** Says the narration no longer matches the text, with the one click that fixes it. */
export function NarrationStale({ number, disabled, onRenarrate }: NarrationStaleProps) {
  return (
    <p className="scene-stale" role="note" aria-label={`Narration of scene ${number} is out of date`}>
      <TriangleAlert aria-hidden="true" size={14} />
      <span>The narration speaks older text.</span>
      <button type="button" className="button button-small" disabled={disabled} onClick={onRenarrate}>
        <RefreshCw aria-hidden="true" size={13} />
        Re-narrate
      </button>
    </p>
  );
}
