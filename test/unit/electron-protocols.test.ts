import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import {
  ASSET_CSP,
  appProtocolHandler,
  assetProtocolHandler,
  handleProtocols,
  registerSchemes,
  type AssetResolver,
} from '../../main/hosts/electron/protocols.js';
import { appPaths } from '../../main/core/app-paths.js';
import { resolveAssetFile } from '../../main/core/assets/asset-files.js';
import { EventBus } from '../../main/core/events/event-bus.js';
import { createFileLogger } from '../../main/platform/log.js';
import { AppState } from '../../main/core/projects/app-state.js';
import { ProjectStore } from '../../main/core/projects/project-store.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
let rendererDir: string;
let projectDir: string;

before(async () => {
  root = await makeTemp('atelier-protocols-');
  rendererDir = path.join(root, 'renderer');
  projectDir = path.join(root, 'project');
  await fs.mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Atelier</title>');
  await fs.writeFile(path.join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
  await fs.writeFile(path.join(rendererDir, 'notes.unknown'), 'not a build file');
  // Files a traversal would want, next to the renderer and above it.
  await fs.writeFile(path.join(root, 'secret.html'), 'SECRET');
  await fs.symlink(path.join(root, 'secret.html'), path.join(rendererDir, 'linked.html'));
  await fs.mkdir(path.join(projectDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(projectDir, 'assets', 'sky.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  await fs.writeFile(path.join(projectDir, 'assets', 'page.html'), '<script>alert(1)</script>');
});

after(async () => {
  await removeTemp(root);
});

const get = (url: string) => new Request(url);

describe('app:// handler', () => {
  test('serves the built renderer with its type and nosniff', async () => {
    const handler = appProtocolHandler(rendererDir);
    const index = await handler(get('app://renderer/'));
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await index.text(), '<!doctype html><title>Atelier</title>');
    const script = await handler(get('app://renderer/assets/main.js?v=1#x'));
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
  });

  test('traversal is refused in every spelling, and nothing outside the renderer is read', async () => {
    const handler = appProtocolHandler(rendererDir);
    for (const url of [
      'app://x/../../etc/passwd',
      'app://renderer/../../etc/passwd',
      'app://renderer/..%2f..%2fsecret.html',
      'app://renderer/%2e%2e/secret.html',
      'app://renderer/%2E%2E%2Fsecret.html',
      'app://renderer/assets/%2e%2e/%2e%2e/secret.html',
      'app://renderer/..\\secret.html',
      'app://renderer/assets\\..\\..\\secret.html',
      'app://renderer/%5c..%5csecret.html',
      'app://renderer/%00index.html',
      'app://renderer/%E0%A4%A',
      `app://renderer/${encodeURIComponent(path.join(root as string, 'secret.html'))}`,
      'app://renderer/linked.html',
      'app://renderer/notes.unknown',
      'app://renderer/assets',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      const response = await handler(get(url));
      assert.equal(response.status, 404, url);
      assert.doesNotMatch(await response.text(), /SECRET|root:/, url);
    }
  });
});

/** The studio's resolver stand-in over a fixed asset table: the same contract as resolveAssetFile. */
function resolverFor(assets: Record<string, { file: string; mime: string; kind: string }>): AssetResolver {
  return async (assetId) => {
    const asset = assets[assetId];
    if (!asset) throw new AtelierError('NOT_FOUND', `No asset ${assetId} in the open project.`);
    return { path: path.join(projectDir, asset.file), mime: asset.mime, kind: asset.kind };
  };
}

describe('atelier-asset:// handler', () => {
  const handler = () =>
    assetProtocolHandler(
      resolverFor({
        sky: { file: 'assets/sky.png', mime: 'image/png', kind: 'image' },
        page: { file: 'assets/page.html', mime: 'text/html', kind: 'text' },
        svg: { file: 'assets/sky.png', mime: 'image/svg+xml', kind: 'image' },
        wrongkind: { file: 'assets/sky.png', mime: 'image/png', kind: 'audio' },
        other: { file: 'assets/sky.png', mime: 'application/octet-stream', kind: 'other' },
      }),
    );

  test('an allowed type is served with the sandboxing CSP, nosniff and no caching', async () => {
    const response = await handler()(get('atelier-asset://asset/sky'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('content-security-policy'), ASSET_CSP);
    assert.equal(ASSET_CSP, "default-src 'none'; sandbox");
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  test('a MIME type its kind does not allow is refused', async () => {
    for (const id of ['page', 'svg', 'wrongkind', 'other']) {
      const response = await handler()(get(`atelier-asset://asset/${id}`));
      assert.equal(response.status, 415, id);
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.doesNotMatch(await response.text(), /<script>/);
    }
  });

  test('traversal and malformed asset URLs are refused; no path ever reaches the lookup', async () => {
    const lookups: string[] = [];
    const counting = assetProtocolHandler(async (id, variant) => {
      lookups.push(id);
      return resolverFor({ sky: { file: 'assets/sky.png', mime: 'image/png', kind: 'image' } })(id, variant);
    });
    for (const url of [
      'atelier-asset://asset/../../etc/passwd',
      'atelier-asset://asset/%2e%2e/%2e%2e/etc/passwd',
      'atelier-asset://asset/..%2F..%2Fetc%2Fpasswd',
      'atelier-asset://asset/sky%2F..%2F..%2Fsecret',
      'atelier-asset://asset/..\\..\\secret',
      'atelier-asset://asset/sky/../../secret',
      'atelier-asset://asset/sky/original',
      'atelier-asset://other/sky',
      'app://asset/sky',
    ]) {
      const response = await counting(get(url));
      assert.ok(response.status === 404, `${url}: ${response.status}`);
    }
    // URL parsing folds `sky/../../secret` into the plain id `secret`, an unknown asset; nothing else is asked for.
    assert.deepEqual(lookups, ['secret']);
  });

  test("the resolver's typed errors keep their status (unknown asset 404, outside the project 403)", async () => {
    const missing = await handler()(get('atelier-asset://asset/nope'));
    assert.equal(missing.status, 404);
    const outside = assetProtocolHandler(async () => {
      throw new AtelierError('FORBIDDEN', 'sky.png points outside the project folder.');
    });
    assert.equal((await outside(get('atelier-asset://asset/sky'))).status, 403);
  });
});

describe('scheme registration', () => {
  test('both schemes are registered privileged (the studio’s with V8’s code cache) and handled', () => {
    const registered: { scheme: string; privileges: Record<string, boolean> }[] = [];
    registerSchemes({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    assert.deepEqual(
      registered.map((s) => s.scheme),
      ['app', 'atelier-asset'],
    );
    // Electron keeps V8's code cache for a custom scheme only when it is also standard.
    assert.equal(registered[0]?.privileges.standard, true);
    assert.equal(registered[0]?.privileges.codeCache, true, 'the studio’s scripts are compiled once, not on every launch');
    const handled: string[] = [];
    const app = appProtocolHandler(rendererDir);
    handleProtocols({ handle: (scheme) => void handled.push(scheme) }, { app, asset: app });
    assert.deepEqual(handled, ['app', 'atelier-asset']);
  });
});

describe('atelier-asset:// over the real project store', () => {
  test("serves the open project's assets; a symlink out of the project and a disallowed type are refused", async () => {
    const home = path.join(root as string, 'home');
    await fs.mkdir(home);
    const paths = appPaths(home);
    const state = new AppState(paths.stateFile);
    await state.load();
    const log = createFileLogger(paths.logsDir);
    const store = new ProjectStore(paths, state, new EventBus(), log);
    const project = await store.create('Protocols');
    await fs.writeFile(path.join(project.path, 'assets', 'a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2]));
    await fs.writeFile(path.join(project.path, 'assets', 'song.ogg'), 'OggS');
    await fs.symlink(path.join(root as string, 'secret.html'), path.join(project.path, 'assets', 'escape.png'));
    const asset = (id: string, file: string, kind: 'image' | 'audio', mime: string) => ({
      id,
      kind,
      name: file,
      file: `assets/${file}`,
      mime,
      size: 4,
      createdAt: new Date().toISOString(),
      origin: { engine: 'import' },
    });
    await store.update(project.id, (data) => ({
      ...data,
      assets: {
        good: asset('good', 'a.png', 'image', 'image/png'),
        ogg: asset('ogg', 'song.ogg', 'audio', 'audio/ogg'),
        escape: asset('escape', 'escape.png', 'image', 'image/png'),
      },
    }));
    const handler = assetProtocolHandler((id, variant) => resolveAssetFile(store, id, variant));
    const good = await handler(get('atelier-asset://asset/good'));
    assert.equal(good.status, 200);
    assert.equal(good.headers.get('content-security-policy'), ASSET_CSP);
    assert.equal((await good.arrayBuffer()).byteLength, 6);
    assert.equal((await handler(get('atelier-asset://asset/ogg'))).status, 415);
    const escape = await handler(get('atelier-asset://asset/escape'));
    assert.equal(escape.status, 403);
    assert.doesNotMatch(await escape.text(), /SECRET/);
    assert.equal((await handler(get('atelier-asset://asset/good/thumbnail'))).status, 404);
    log.close();
  });
});
