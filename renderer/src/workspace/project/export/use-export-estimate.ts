import { useEffect, useState } from 'react';
import type { ExportRequest, VideoEstimate } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';

type CallInput = Omit<ExportRequest, 'resolution' | 'aspect' | 'motion'> & Partial<Pick<ExportRequest, 'resolution' | 'aspect' | 'motion'>>;

/**
 * What the chosen video export will come to (length, frame, likely size), asked again when a
 * choice changes, a moment after the last change so a run of clicks asks once. Null while
 * asking, for a non-video format, or when main could not tell.
 */
export function useExportEstimate(request: CallInput | null): VideoEstimate | null {
  const { api } = useClient();
  const [estimate, setEstimate] = useState<{ key: string; value: VideoEstimate } | null>(null);
  const key = request ? JSON.stringify(request) : '';
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(() => {
      api.projects
        .exportEstimate(JSON.parse(key) as CallInput)
        .then((value) => live && setEstimate({ key, value }))
        .catch(() => live && setEstimate(null));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, key]);
  return estimate?.key === key ? estimate.value : null;
}

/** "About 1 min 12 s · 1080×1920 · about 14 MB · 3 scenes, 18 captions". */
export function estimateLine(estimate: VideoEstimate, formatBytes: (bytes: number) => string): string {
  const seconds = Math.round(estimate.durationSeconds);
  const length = seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
  const cues = estimate.captionCues > 0 ? `, ${estimate.captionCues} caption${estimate.captionCues === 1 ? '' : 's'}` : '';
  return `About ${length} · ${estimate.width}×${estimate.height} · about ${formatBytes(estimate.bytes)} · ${estimate.scenes} scene${estimate.scenes === 1 ? '' : 's'}${cues}`;
}
