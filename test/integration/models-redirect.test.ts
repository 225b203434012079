import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { Job } from '../../preload/contract.js';
import { MAX_REDIRECTS } from '../../main/core/models/http-download.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { tinyGguf } from '../../models/fixtures/model-headers.js';
import { sha256 } from '../support/model-catalog.js';
import { ModelServer } from '../support/model-server.js';
import { tempHome } from '../support/web-host.js';

let server: ModelServer;
let home: string;
let studio: Studio;
let tinyText: Buffer;

before(async () => {
  server = await ModelServer.start();
  home = await tempHome('atelier-models-redirect-');
  studio = await createStudio({ host: 'cli', home });
  tinyText = tinyGguf({ name: 'Tiny Text' });
  server.serve('/text/tiny-text.gguf', tinyText);
});

after(async () => {
  await studio.dispose();
  await server.close();
  await fs.rm(home, { recursive: true, force: true });
});

beforeEach(() => {
  server.requests.length = 0;
});

const settle = (job: Job): Promise<Job> => studio.jobs.settled(job.id);

describe("redirects are followed hop by hop, each held to the first address's rules", () => {
  test('a loopback chain (absolute and relative Location) reaches the file', async () => {
    server.redirect('/hop/1', server.url('/hop/2'), 301);
    server.redirect('/hop/2', '../text/tiny-text.gguf', 307);
    const final = await settle(await studio.models.downloadUrl(server.url('/hop/1'), sha256(tinyText)));
    assert.equal(final.state, 'done', JSON.stringify(final.error));
    assert.deepEqual(
      server.requests.map((r) => [r.path, r.status]),
      [
        ['/hop/1', 301],
        ['/hop/2', 307],
        ['/text/tiny-text.gguf', 200],
      ],
    );
  });

  test('a redirect loop stops after the limit, with nothing left behind', async () => {
    const installed = studio.models.list();
    server.redirect('/loop/a', '/loop/b');
    server.redirect('/loop/b', '/loop/a');
    const final = await settle(await studio.models.downloadUrl(server.url('/loop/a')));
    assert.equal(final.error?.code, 'DOWNLOAD_FAILED');
    assert.match(final.error?.message ?? '', new RegExp(`more than ${MAX_REDIRECTS} redirects`));
    assert.equal(server.requests.length, MAX_REDIRECTS + 1, 'not retried: a loop does not heal');
    assert.deepEqual(studio.models.list(), installed, 'nothing installed');
  });

  test('a hop to plain http off this computer, or to another scheme, is refused before it is fetched', async () => {
    const installed = studio.models.list();
    for (const [from, to, reason] of [
      ['/off/public', 'http://example.com/model.gguf', /plain http is not allowed/],
      ['/off/metadata', 'http://169.254.169.254/latest/meta-data/', /plain http is not allowed/],
      ['/off/file', 'file:///etc/passwd', /file: is not allowed/],
      ['/off/unspecified', 'https://0.0.0.0/model.gguf', /not a host to download from/],
      ['/off/private', 'https://10.0.0.7/model.gguf', /from a loopback address to a private one/],
    ] as const) {
      server.requests.length = 0;
      server.redirect(from, to);
      const final = await settle(await studio.models.downloadUrl(server.url(from)));
      assert.equal(final.error?.code, 'DOWNLOAD_FAILED', to);
      assert.match(final.error?.message ?? '', reason);
      assert.match(final.error?.message ?? '', /a redirect from 127\.0\.0\.1:\d+ was refused/);
      assert.deepEqual(
        server.requests.map((r) => r.path),
        [from],
      );
    }
    assert.deepEqual(studio.models.list(), installed, 'nothing installed');
  });
});
