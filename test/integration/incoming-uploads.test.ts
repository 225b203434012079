import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { INCOMING_LIMITS } from '../../main/core/files/incoming-files.js';
import { startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let home: string;
let host: RunningWebHost;
const incoming = () => path.join(home, 'incoming');

before(async () => {
  home = await tempHome('atelier-incoming-');
  await fs.mkdir(incoming(), { recursive: true });
  const stale = new Date(Date.now() - INCOMING_LIMITS.maxAgeMs - 60_000);
  for (let i = 0; i < 5; i++) {
    const file = path.join(incoming(), `left-by-a-crash-${i}`);
    await fs.writeFile(file, 'x');
    await fs.utimes(file, stale, stale);
  }
  await fs.writeFile(path.join(incoming(), 'fresh'), 'y');
  host = await startWebHostProcess({ home });
});

after(async () => {
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

const upload = (body: Buffer) =>
  fetch(`${host.origin}/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/octet-stream', 'X-Atelier-File-Name': 'a.bin' },
    body,
  });

describe('uploads through the web host', () => {
  test('starting the studio clears incoming/ of files older than a day', async () => {
    assert.deepEqual(await fs.readdir(incoming()), ['fresh']);
  });

  test(`a full incoming/ (${INCOMING_LIMITS.maxFiles} files) refuses the next upload with 413 TOO_LARGE`, async () => {
    for (let i = (await fs.readdir(incoming())).length; i < INCOMING_LIMITS.maxFiles; i++) {
      const answer = await upload(Buffer.from(`file ${i}`));
      assert.equal(answer.status, 200, await answer.text());
    }
    const refused = await upload(Buffer.from('one too many'));
    assert.equal(refused.status, 413);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'TOO_LARGE');
    assert.match(body.error.message, /Too many uploads are waiting/);
    assert.equal((await fs.readdir(incoming())).length, INCOMING_LIMITS.maxFiles);
    // The host still answers.
    assert.equal(
      (
        await fetch(`${host.origin}/api/app.info`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
      200,
    );
  });
});
