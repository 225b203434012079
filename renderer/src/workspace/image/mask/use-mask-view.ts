import { useCallback, useState } from 'react';

/** Zoom and pan of the painting surface. Zoom 1 is "fit": the picture fills the stage's width. */
export interface MaskView {
  zoom: number;
  panX: number;
  panY: number;
}

export const ZOOM_LIMITS = { min: 1, max: 8 } as const;
const FIT: MaskView = { zoom: 1, panX: 0, panY: 0 };

function clampZoom(zoom: number): number {
  return Math.min(ZOOM_LIMITS.max, Math.max(ZOOM_LIMITS.min, zoom));
}

/**
 * The view and its moves. Zooming keeps the point under the pointer (or the centre) still,
 * as image editors do, so a creator can zoom into the edge they are painting.
 */
export function useMaskView() {
  const [view, setView] = useState<MaskView>(FIT);

  /** `origin` is in stage pixels from its top-left; none means the stage's centre, given as its size. */
  const zoomBy = useCallback((factor: number, origin: { x: number; y: number }) => {
    setView((current) => {
      const zoom = clampZoom(current.zoom * factor);
      if (zoom === ZOOM_LIMITS.min) return FIT;
      const ratio = zoom / current.zoom;
      return { zoom, panX: origin.x - (origin.x - current.panX) * ratio, panY: origin.y - (origin.y - current.panY) * ratio };
    });
  }, []);

  const panBy = useCallback((dx: number, dy: number) => {
    setView((current) => (current.zoom === 1 ? current : { ...current, panX: current.panX + dx, panY: current.panY + dy }));
  }, []);

  const fit = useCallback(() => setView(FIT), []);

  return { view, zoomBy, panBy, fit };
}
