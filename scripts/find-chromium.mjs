import fs from 'node:fs';

export const CHROMIUM_HINT =
  'Chromium not found for the browser tests: install it (Debian/Ubuntu: sudo apt-get install chromium) or set ATELIER_CHROMIUM=/path/to/chromium.';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** ATELIER_CHROMIUM first, then the usual install paths. */
export function findChromium(env = process.env) {
  if (env.ATELIER_CHROMIUM) return fs.existsSync(env.ATELIER_CHROMIUM) ? env.ATELIER_CHROMIUM : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}
