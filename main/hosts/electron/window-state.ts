import { z } from 'zod';
import { writeFileAtomic } from '../../core/files/atomic-write.js';
import { readJsonFile } from '../../core/files/read-json.js';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

const BoundsSchema = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});
const WindowStateSchema = z.strictObject({ bounds: BoundsSchema, maximized: z.boolean() });
type WindowState = z.infer<typeof WindowStateSchema>;

export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
const MIN_SIZE = { width: 960, height: 600 } as const;
/** How much of a saved window must still be on a screen for it to reopen there. */
const VISIBLE_PX = 120;

function overlap(a: Bounds, b: Bounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where the window opens: where it was, if that is still on one of today's screens (a
 * monitor may have been unplugged), no smaller than the minimum and no larger than the
 * screen it lands on; otherwise the default size, centred by Electron.
 */
export function placeWindow(
  saved: WindowState | undefined,
  workAreas: readonly Bounds[],
): { bounds: Partial<Bounds> & { width: number; height: number }; maximized: boolean } {
  const fallback = { bounds: { ...DEFAULT_SIZE }, maximized: saved?.maximized ?? false };
  if (!saved) return fallback;
  const screen = workAreas.find((area) => {
    const seen = overlap(saved.bounds, area);
    return seen.width >= VISIBLE_PX && seen.height >= VISIBLE_PX;
  });
  if (!screen) return fallback;
  const width = Math.min(Math.max(saved.bounds.width, MIN_SIZE.width), screen.width);
  const height = Math.min(Math.max(saved.bounds.height, MIN_SIZE.height), screen.height);
  // Pulled back inside the screen so the title bar can be grabbed.
  const x = Math.min(Math.max(saved.bounds.x, screen.x), screen.x + screen.width - width);
  const y = Math.min(Math.max(saved.bounds.y, screen.y), screen.y + screen.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

/** The saved state, or undefined when there is none or it is damaged (a damaged file only costs the old position). */
export async function readWindowState(file: string): Promise<WindowState | undefined> {
  const read = await readJsonFile(file, WindowStateSchema);
  return read.ok ? read.value : undefined;
}

/** The part of a BrowserWindow the tracker reads. */
interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Bounds;
  isMaximized(): boolean;
}

/**
 * Saves the window's place as it changes: moves and resizes are coalesced (a drag fires
 * hundreds), and the last state is written at once when the window closes. The normal
 * bounds are kept while maximized, so un-maximizing next time returns to them.
 */
export function trackWindowState(window: TrackedWindow, file: string, options: { delayMs?: number; onError?: (error: unknown) => void } = {}): () => void {
  const delayMs = options.delayMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const save = () => {
    timer = undefined;
    const { x, y, width, height } = window.getNormalBounds();
    const bounds = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
    const state: WindowState = { bounds, maximized: window.isMaximized() };
    void writeFileAtomic(file, `${JSON.stringify(state)}\n`).catch((error: unknown) => options.onError?.(error));
  };
  const later = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    save();
  });
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
