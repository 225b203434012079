import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_HINT, findChromium } from '../../scripts/find-chromium.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Debian's Chromium (or ATELIER_CHROMIUM); fails with the one-line install hint when missing. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_HINT);
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}
