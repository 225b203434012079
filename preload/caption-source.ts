// Where a scene's captions come from, shared by the export (which picks the cues) and the
// scene card (which says so): a narration spoken from the scene's text is captioned from
// that text; one the text did not produce (a recording, an imported file) from its transcript.
import type { Asset } from './schemas/asset.js';

/** The engine `transcribe.asset` records on the transcript assets it saves. */
export const TRANSCRIPT_ENGINE = 'whisper';

/**
 * A narration the studio did not speak from text: a take from the microphone, an imported
 * file, any clip without the text it was spoken from (voice engines keep it as the prompt)
 * and without a cast narration's per-line timing.
 */
export function isHeardNarration(asset: Asset): boolean {
  return asset.kind === 'audio' && !asset.origin.prompt && asset.origin.parameters?.['lines'] === undefined;
}

/** The newest transcript made from `audioId`: a text asset whose origin names it as the source. */
export function transcriptOf(assets: Iterable<Asset>, audioId: string): Asset | undefined {
  let newest: Asset | undefined;
  for (const asset of assets) {
    if (asset.kind !== 'text' || asset.origin.engine !== TRANSCRIPT_ENGINE || asset.origin.parameters?.['source'] !== audioId) continue;
    if (!newest || asset.createdAt > newest.createdAt) newest = asset;
  }
  return newest;
}
