import { useEffect, useState } from 'react';
import { computePeaks, type ClipPeaks } from './clip-peaks.js';
import { useClient } from '../../state/client-context.js';

type PeaksState = { status: 'idle' | 'loading' } | { status: 'ready'; peaks: ClipPeaks } | { status: 'failed'; message: string };

/** Clips do not change once written, so their outlines are kept (a few dozen, oldest dropped first). */
const KEPT = 24;
const cache = new Map<string, Promise<ClipPeaks>>();

/**
 * Decodes with the browser's own decoder, the one that will play the clip. An
 * OfflineAudioContext needs no sound device and no click first; its rate only
 * sets how finely the samples arrive, and the outline is the same at any rate.
 */
async function decode(url: string): Promise<ClipPeaks> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the clip could not be read (${response.status})`);
  const bytes = await response.arrayBuffer();
  const context = new OfflineAudioContext(1, 1, 22_050);
  const buffer = await context.decodeAudioData(bytes);
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i));
  return computePeaks(channels, buffer.sampleRate);
}

function peaksOf(assetId: string, url: string): Promise<ClipPeaks> {
  let peaks = cache.get(assetId);
  if (!peaks) {
    peaks = decode(url);
    // A failure is not kept: the next look may succeed (a reconnect, a file back in place).
    peaks.catch(() => cache.delete(assetId));
    cache.set(assetId, peaks);
    if (cache.size > KEPT) cache.delete(cache.keys().next().value as string);
  }
  return peaks;
}

/** The waveform outline of an audio asset, decoded once per clip. */
export function useVoicePeaks(assetId: string | null): PeaksState {
  const client = useClient();
  const [state, setState] = useState<PeaksState>({ status: 'idle' });

  useEffect(() => {
    if (!assetId) {
      setState({ status: 'idle' });
      return;
    }
    let live = true;
    setState({ status: 'loading' });
    client
      .assetUrl(assetId, 'file')
      .then((url) => peaksOf(assetId, url))
      .then((peaks) => live && setState({ status: 'ready', peaks }))
      .catch((error: unknown) => live && setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, [client, assetId]);

  return state;
}
