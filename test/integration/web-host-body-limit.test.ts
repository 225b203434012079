import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Asset } from '../../preload/contract.js';
import { TextDocumentSaveSchema } from '../../preload/contract.js';
import { API_BODY_LIMIT } from '../../main/hosts/web/web-host.js';
import { callApi, startWebHostProcess, type RunningWebHost } from '../support/web-host.js';

const MAX_CHARS = TextDocumentSaveSchema.shape.markdown.maxLength ?? 0;
let host: RunningWebHost;

before(async () => {
  host = await startWebHostProcess();
  const created = await callApi(host, 'projects.create', { title: 'Long Book' });
  assert.equal(created.status, 200, JSON.stringify(created.error));
});

after(async () => {
  await host?.stop();
  if (host) await fs.rm(host.home, { recursive: true, force: true });
});

async function textAssets(): Promise<Asset[]> {
  const listed = await callApi(host, 'assets.list');
  assert.equal(listed.status, 200);
  return (listed.result as Asset[]).filter((asset) => asset.kind === 'text');
}

describe('the web host’s request size limit', () => {
  test('the largest document the save schema allows fits, even when JSON escapes every character', async () => {
    assert.equal(MAX_CHARS, 2_000_000);
    // A control character is six bytes as JSON (\u0001): the worst case for the body's size.
    const markdown = `# Log\n${'\u0001'.repeat(MAX_CHARS - 6)}`;
    assert.ok(JSON.stringify({ markdown }).length > 8 * 1024 * 1024, 'the body is far over the old 1 MiB limit');
    const saved = await callApi(host, 'text.saveDocument', { name: 'Worst case', markdown });
    assert.equal(saved.status, 200, JSON.stringify(saved.error));
    const read = await callApi(host, 'text.readDocument', { assetId: (saved.result as Asset).id });
    assert.equal(read.status, 200, JSON.stringify(read.error));
    assert.equal((read.result as { markdown: string }).markdown, markdown);
  });

  test('a body over the limit is a 413 TOO_LARGE with a sentence, every time, and nothing is written', async () => {
    const before = await textAssets();
    const markdown = 'a'.repeat(API_BODY_LIMIT + 2 * 1024 * 1024);
    // Answering before the body was read used to reset the socket under the client ("fetch failed"); it must not be a race.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const answer = await callApi(host, 'text.saveDocument', { name: 'Too long', markdown });
      assert.equal(answer.status, 413);
      assert.equal(answer.error?.code, 'TOO_LARGE');
      assert.match(
        answer.error?.message ?? '',
        /^This request is 18\.0 MB; the studio takes at most 16\.0 MB in one call\. Split the work into smaller parts\.$/,
      );
    }
    assert.deepEqual(
      (await textAssets()).map((asset) => asset.id),
      before.map((asset) => asset.id),
      'no asset and no file from the refused saves',
    );
    const info = await callApi(host, 'app.info');
    assert.equal(info.status, 200, 'the host is still up');
  });
});
