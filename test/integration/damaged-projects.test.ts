import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ProjectSummarySchema, type ProjectSummary } from '../../preload/contract.js';
import { ok } from '../support/api-calls.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let home: string;
let host: RunningWebHost;

before(async () => {
  home = await tempHome('atelier-damaged-');
  host = await startWebHostProcess({ home });
});

after(async () => {
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

async function list(): Promise<ProjectSummary[]> {
  return (await ok<unknown[]>(host, 'projects.list')).map((p) => ProjectSummarySchema.parse(p));
}

test('a project whose project.json and .bak are both unreadable stays listed as damaged; the others are fine', { timeout: 60_000 }, async () => {
  const harbour = await ok<ProjectSummary>(host, 'projects.create', { title: 'Harbour' });
  await ok(host, 'projects.rename', { id: harbour.id, title: 'Harbour Night' }); // a second save: now there is a .bak
  const lighthouse = await ok<ProjectSummary>(host, 'projects.create', { title: 'Lighthouse' });
  const ferry = await ok<ProjectSummary>(host, 'projects.create', { title: 'Ferry' });
  const harbourDir = (await list()).find((p) => p.id === harbour.id)?.path as string;
  await fs.access(path.join(harbourDir, 'project.json.bak'));
  await fs.writeFile(path.join(harbourDir, 'project.json'), '{"schemaVersion": 1, "id": ');
  await fs.writeFile(path.join(harbourDir, 'project.json.bak'), Buffer.from([0xff, 0xfe, 0x00, 0x7b]));

  const listed = await list();
  assert.equal(listed.length, 3);
  const damaged = listed.find((p) => p.status === 'damaged');
  assert.ok(damaged, JSON.stringify(listed));
  // Atelier remembered its id, so the project keeps its name in every call.
  assert.equal(damaged.id, harbour.id);
  assert.equal(damaged.path, harbourDir);
  assert.equal(damaged.title, 'Harbour Night');
  assert.match(damaged.problem ?? '', /project\.json is damaged/);
  for (const fine of listed.filter((p) => p.id !== harbour.id)) {
    assert.equal(fine.status, undefined, fine.title);
    assert.ok([lighthouse.id, ferry.id].includes(fine.id));
  }

  const opened = await callApi(host, 'projects.open', { id: harbour.id });
  assert.equal(opened.error?.code, 'PROJECT_CORRUPT');
  assert.ok(opened.status >= 400 && opened.status < 500, String(opened.status));
  assert.match(opened.error?.message ?? '', /no usable backup/);
  assert.match(opened.error?.message ?? '', /put a good copy of project\.json back into that folder/);
  assert.equal((await ok<ProjectSummary>(host, 'projects.current')).id, ferry.id, 'the open project stays open');

  // In the browser the folder is answered, not shown: the page offers the path to copy.
  assert.deepEqual(await ok(host, 'projects.reveal', { id: harbour.id }), { path: harbourDir, shown: false });
  assert.equal((await callApi(host, 'projects.reveal', { id: '5f0c6a8e-2b1d-4e5f-9a7b-1c2d3e4f5a6b' })).error?.code, 'NOT_FOUND');
  // Nothing was rewritten.
  assert.equal(await fs.readFile(path.join(harbourDir, 'project.json'), 'utf8'), '{"schemaVersion": 1, "id": ');

  // After a restart it is still there, under the same id.
  await host.stop();
  host = await startWebHostProcess({ home });
  const again = await list();
  assert.deepEqual(
    again.map((p) => [p.id, p.status ?? 'ok']).sort(),
    [
      [ferry.id, 'ok'],
      [harbour.id, 'damaged'],
      [lighthouse.id, 'ok'],
    ].sort(),
  );
  // A damaged folder Atelier never opened (copied in by hand) is listed under an id derived from its path.
  const stray = path.join(home, 'projects', 'Stray.atelier');
  await fs.mkdir(stray);
  await fs.writeFile(path.join(stray, 'project.json'), 'not json');
  const withStray = await list();
  const strayListed = withStray.find((p) => p.path === stray);
  assert.equal(strayListed?.status, 'damaged');
  assert.equal((await list()).find((p) => p.path === stray)?.id, strayListed?.id, 'its id is stable');
  assert.equal((await callApi(host, 'projects.open', { id: strayListed?.id })).error?.code, 'PROJECT_CORRUPT');
  const trashed = await ok<{ movedTo: string }>(host, 'projects.delete', { id: strayListed?.id });
  assert.match(path.basename(trashed.movedTo), /^Stray \d+\.atelier$/);
  assert.equal((await list()).length, 3);
});
