import { Captions } from 'lucide-react';
import { useState } from 'react';
import type { Asset } from '../../../../../preload/contract.js';
import { isHeardNarration, transcriptOf } from '../../../../../preload/caption-source.js';
import { useTranscribeAsset } from '../../voice/use-transcribe-asset.js';

interface CaptionSourceNoteProps {
  number: number;
  narration: Asset | undefined;
  assetsById: ReadonlyMap<string, Asset>;
}

/**
 * Where a recorded narration's captions come from (main/core/export/export-transcripts.ts
 * decides the same way): its transcript when one is kept, else the scene's text, with the
 * button that transcribes it. Narration spoken from the text needs no note.
 */
export function CaptionSourceNote({ number, narration, assetsById }: CaptionSourceNoteProps) {
  const transcribe = useTranscribeAsset();
  const [started, setStarted] = useState(false);
  if (!narration || !isHeardNarration(narration)) return null;
  const transcript = transcriptOf(assetsById.values(), narration.id);
  return (
    <p className="scene-caption-source" role="note" aria-label={`Captions of scene ${number}`}>
      <Captions aria-hidden="true" size={14} />
      {transcript ? (
        <span>Captions come from the recording’s transcript ({transcript.name}).</span>
      ) : started ? (
        <span>Transcribing the recording; until then captions follow the scene text.</span>
      ) : (
        <>
          <span>Captions follow the scene text until the recording is transcribed.</span>
          <button type="button" className="button button-small" onClick={() => void transcribe(narration).then(setStarted)}>
            Transcribe
          </button>
        </>
      )}
    </p>
  );
}
