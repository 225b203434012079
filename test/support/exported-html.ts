import type { Page } from 'playwright-core';

export interface ExportedHtmlFacts {
  images: { w: number; h: number; alt: string }[];
  /** Each <audio>'s duration once its metadata loaded: finite and positive when the browser can play it. */
  durations: number[];
  scenes: number;
  position: string | null | undefined;
}

/**
 * Decodes every picture of an exported HTML page and loads every sound's metadata, in the page.
 * A string, evaluated there: the tests are type-checked without the DOM library.
 */
export async function exportedHtmlFacts(page: Page): Promise<ExportedHtmlFacts> {
  return (await page.evaluate(`(async () => {
    const images = [...document.querySelectorAll('img')];
    await Promise.all(images.map((img) => img.decode()));
    const audios = [...document.querySelectorAll('audio')];
    await Promise.all(audios.map((a) => (a.readyState >= 1 ? Promise.resolve() : new Promise((resolve) => a.addEventListener('loadedmetadata', resolve, { once: true })))));
    return {
      images: images.map((img) => ({ w: img.naturalWidth, h: img.naturalHeight, alt: img.alt })),
      durations: audios.map((a) => a.duration),
      scenes: document.querySelectorAll('.scene').length,
      position: document.getElementById('position')?.textContent,
    };
  })()`)) as ExportedHtmlFacts;
}
