/**
 * The web host's renderer files: content-named files under assets/ are kept by the browser
 * for good, so a second visit neither downloads nor recompiles them; index.html and the
 * unhashed files are checked every time, so a new build shows at once.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host.js';
import { rawRequest } from '../support/raw-http.js';
import { REPO_ROOT, tempHome } from '../support/web-host.js';

const RENDERER = path.join(REPO_ROOT, 'dist', 'renderer');
let home: string;
let studio: Studio;
let host: WebHost;

before(async () => {
  assert.ok(existsSync(path.join(RENDERER, 'index.html')), 'run `node scripts/build.mjs` first: the public routes are the built renderer');
  home = await tempHome('atelier-cache-');
  studio = await createStudio({ host: 'cli', home });
  host = await startWebHost({ studio, rendererDir: RENDERER });
});

after(async () => {
  await host.close();
  await studio.dispose();
  await fs.rm(home, { recursive: true, force: true });
});

test('content-named files are immutable for a year; the page and unhashed files are revalidated', async () => {
  const page = await fetch(`${host.origin}/`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  const html = await page.text();
  const scripts = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((match) => match[1] as string);
  assert.ok(
    scripts.some((file) => /^assets\/index-[\w-]+\.js$/.test(file)),
    `the entry script is under assets/: ${scripts.join(', ')}`,
  );
  assert.ok(scripts.some((file) => file.endsWith('.css')));
  for (const file of scripts) {
    const reply = await fetch(`${host.origin}/${file}`);
    assert.equal(reply.status, 200, file);
    assert.equal(reply.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
    await reply.arrayBuffer();
  }
  for (const file of ['index.html', 'boot-theme.js', 'favicon.svg']) {
    const reply = await fetch(`${host.origin}/${file}`);
    assert.equal(reply.status, 200, file);
    assert.equal(reply.headers.get('cache-control'), 'no-cache', file);
    // Revalidation is cheap: the unchanged file answers 304 to its own ETag.
    const etag = reply.headers.get('etag') ?? assert.fail(`${file} has no ETag`);
    await reply.arrayBuffer();
    // node:http, as a browser revalidates: fetch() would add `Cache-Control: no-cache` to a conditional request.
    const again = await rawRequest(host.port, 'GET', `/${file}`, { 'If-None-Match': etag });
    assert.equal(again.status, 304, file);
  }
});
