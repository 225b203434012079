import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Asset } from '../../preload/contract.js';
import { callApi, startWebHostProcess, type RunningWebHost } from '../support/web-host.js';

// assets.list's first page (limit), over the web host's HTTP API as the studio asks for it at open.
let host: RunningWebHost;
before(async () => {
  host = await startWebHostProcess();
});
after(async () => {
  await host.stop();
  await fs.rm(host.home, { recursive: true, force: true });
});

async function list(input: unknown): Promise<Asset[]> {
  const answer = await callApi(host, 'assets.list', input);
  assert.equal(answer.status, 200, JSON.stringify(answer.error));
  return answer.result as Asset[];
}

test('assets.list with a limit answers the newest that many, the same as the head of the whole list', async () => {
  const noProject = await callApi(host, 'assets.list', { limit: 2 });
  assert.equal(noProject.status, 409, JSON.stringify(noProject));
  assert.equal(noProject.error?.code, 'NO_PROJECT_OPEN');

  assert.equal((await callApi(host, 'projects.create', { title: 'Paged' })).status, 200);
  for (let i = 1; i <= 5; i += 1) {
    const saved = await callApi(host, 'text.saveDocument', { name: `Note ${i}`, markdown: `# Note ${i}\n` });
    assert.equal(saved.status, 200, JSON.stringify(saved.error));
  }
  const whole = await list({});
  assert.equal(whole.length, 5);
  assert.deepEqual(await list({ limit: 2 }), whole.slice(0, 2));
  assert.deepEqual(
    (await list({ limit: 2 })).map((asset) => asset.name),
    ['Note 5.md', 'Note 4.md'],
    'newest first',
  );
  assert.deepEqual(await list({ limit: 5 }), whole);
  assert.deepEqual(await list({ limit: 10_000 }), whole, 'a limit past the end is the whole list');

  // Bad limits are refused with a typed error, and the list is still there afterwards.
  for (const limit of [0, -1, 1.5, 10_001, '3', null]) {
    const answer = await callApi(host, 'assets.list', { limit });
    assert.equal(answer.status, 400, `limit ${JSON.stringify(limit)}: ${JSON.stringify(answer)}`);
    assert.equal(answer.error?.code, 'INVALID_INPUT');
  }
  const unknownKey = await callApi(host, 'assets.list', { limit: 2, offset: 1 });
  assert.equal(unknownKey.error?.code, 'INVALID_INPUT', 'an unknown key is refused, not ignored');
  assert.deepEqual(await list({}), whole);
});
