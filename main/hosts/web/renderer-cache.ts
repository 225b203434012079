import path from 'node:path';

/**
 * How long a browser may keep each of the renderer's files. Vite names every file under
 * `assets/` by its content, so those never change under their name: kept for a year and
 * never asked for again, which also lets Chromium keep their compiled code between visits
 * (its code cache lives beside the HTTP cache). `index.html` and the few unhashed files
 * (`boot-theme.js`, the icon) are checked each time, so a new build is seen at once.
 */
export function rendererCacheControl(rendererDir: string, filePath: string): string {
  const relative = path.relative(rendererDir, filePath).split(path.sep);
  return relative.length > 1 && relative[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
}
