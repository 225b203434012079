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

test('only the renderer’s own kinds of plain file are served; links, other kinds, other spellings and files removed since start are a 404', async () => {
  const dir = await tempHome('atelier-renderer-');
  const outside = await tempHome('atelier-outside-');
  await fs.mkdir(path.join(dir, 'assets'));
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><title>t</title>');
  await fs.writeFile(path.join(dir, 'assets', 'app-0a1b2c.js'), 'console.log(1)');
  await fs.writeFile(path.join(dir, 'assets', 'gone-0a1b2c.css'), 'body{}');
  await fs.writeFile(path.join(dir, 'notes.sh'), 'echo not ours');
  await fs.writeFile(path.join(outside, 'secret.js'), 'secret');
  await fs.symlink(path.join(outside, 'secret.js'), path.join(dir, 'assets', 'linked.js'));
  const own = await startWebHost({ studio, rendererDir: dir });
  try {
    const get = async (url: string, headers: Record<string, string> = {}) => {
      const reply = await rawRequest(own.port, 'GET', url, headers);
      return { ...reply, headers: reply.headers ?? {} };
    };
    const page = await get('/');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    const script = await get('/assets/app-0a1b2c.js');
    assert.equal(script.status, 200);
    assert.equal(script.body, 'console.log(1)');
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    const head = await rawRequest(own.port, 'HEAD', '/assets/app-0a1b2c.js', {});
    assert.equal(head.status, 200);
    assert.equal(head.headers?.['content-length'], String('console.log(1)'.length));

    for (const url of [
      '/assets/linked.js',
      '/notes.sh',
      '/assets/',
      '/assets',
      '/assets/app-0a1b2c.js/',
      '/ASSETS/app-0a1b2c.js',
      '/assets/%2e%2e/index.html',
    ]) {
      const reply = await get(url);
      assert.ok(reply.status === 404 || reply.status === 401, `${url} → ${reply.status}`);
      assert.doesNotMatch(reply.body, /secret|not ours|console\.log/, url);
    }

    await fs.rm(path.join(dir, 'assets', 'gone-0a1b2c.css'));
    assert.equal((await get('/assets/gone-0a1b2c.css')).status, 404, 'removed after start: not found, not a 500');

    // Revalidation: a list of tags, `*`, and If-Modified-Since when no tag is sent.
    const etag = script.headers.etag ?? assert.fail('no ETag');
    assert.equal((await get('/assets/app-0a1b2c.js', { 'If-None-Match': `W/"other", ${etag}` })).status, 304);
    assert.equal((await get('/assets/app-0a1b2c.js', { 'If-None-Match': '*' })).status, 304);
    assert.equal((await get('/assets/app-0a1b2c.js', { 'If-None-Match': 'W/"other"' })).status, 200);
    const modified = script.headers['last-modified'] ?? assert.fail('no Last-Modified');
    assert.equal((await get('/assets/app-0a1b2c.js', { 'If-Modified-Since': modified })).status, 304);
    assert.equal((await get('/assets/app-0a1b2c.js', { 'If-Modified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status, 200);
    assert.equal((await get('/assets/app-0a1b2c.js', { 'If-Modified-Since': 'not a date' })).status, 200);
  } finally {
    await own.close();
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(outside, { recursive: true, force: true });
  }
});
