import type { Page } from 'playwright-core';

/** The little of the page's DOM these checks read (the tests are compiled without the DOM's types). */
interface FrameElement {
  complete?: boolean;
  naturalWidth?: number;
  querySelector(selector: string): FrameElement | null;
  getAnimations(): { animationName?: string; currentTime: number | null; pause(): void }[];
}
interface PageGlobals {
  document: { querySelector(selector: string): FrameElement | null; getAnimations(): { finish(): void }[] };
  getComputedStyle(element: FrameElement): { opacity: string; filter: string };
}

export interface EntranceState {
  entering: { opacity: number };
  /** The scene beneath, while the entering one is over it; absent once it has gone. */
  leaving?: { brightness: number; pictureLoaded: boolean };
}

/**
 * Holds the player's transition at `ms` into the entering scene's entrance (and the leaving
 * scene's fade, if any) and reads what is on screen: the entering frame's opacity and the
 * leaving frame's brightness. The animations are paused first, so a slow machine reads the
 * same moment as a fast one.
 */
export async function entrance(page: Page, ms: number): Promise<EntranceState> {
  await page.waitForFunction(() => {
    const { document } = globalThis as unknown as PageGlobals;
    return document.querySelector('[data-testid="player-frame"][data-transition]') !== null;
  });
  return page.evaluate((at) => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const entering = document.querySelector('[data-testid="player-frame"]') as FrameElement;
    const leaving = document.querySelector('[data-testid="player-frame-leaving"]');
    for (const frame of [entering, leaving]) {
      for (const animation of frame?.getAnimations() ?? []) {
        if (!animation.animationName?.startsWith('player-enter') && !animation.animationName?.startsWith('player-leave')) continue;
        animation.pause();
        animation.currentTime = at;
      }
    }
    // No named helper here: tsx would wrap it in a __name() call that the page does not have.
    const filter = leaving ? getComputedStyle(leaving).filter : 'none';
    const picture = leaving?.querySelector('img.player-frame-picture') ?? null;
    return {
      entering: { opacity: Number(getComputedStyle(entering).opacity) },
      ...(leaving && {
        leaving: {
          brightness: filter === 'none' ? 1 : Number(/brightness\(([\d.]+)\)/.exec(filter)?.[1] ?? NaN),
          pictureLoaded: picture === null ? true : picture.complete === true && (picture.naturalWidth ?? 0) > 0,
        },
      }),
    };
  }, ms);
}

/** Ends every running animation on the page at once (the transitions' `animationend` fires). */
export async function finishAnimations(page: Page): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.getAnimations().forEach((a) => a.finish()));
}
