import fs from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import WebSocket from 'ws';
import { AssetSchema, JobSchema, ProjectSummarySchema, SettingsSchema } from '../../preload/contract.js';
import { callApi, startWebHostProcess, type RunningWebHost } from '../support/web-host.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

let host: RunningWebHost;

before(async () => {
  host = await startWebHostProcess();
});

after(async () => {
  await host.stop();
  await fs.rm(host.home, { recursive: true, force: true });
});

function openEvents(token = host.token): Promise<{ socket: WebSocket; next(name: string, where?: (payload: any) => boolean): Promise<any> }> {
  const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/events`, ['atelier', `bearer.${token}`]);
  const seen: { event: string; payload: any }[] = [];
  const waiters: { name: string; where: (p: any) => boolean; resolve: (p: any) => void }[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { event: string; payload: any };
    seen.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.name === message.event && waiter.where(message.payload)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message.payload);
      }
    }
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () =>
      resolve({
        socket,
        next: (name, where = () => true) => {
          const hit = seen.find((m) => m.event === name && where(m.payload));
          if (hit) return Promise.resolve(hit.payload);
          return new Promise((res) => waiters.push({ name, where, resolve: res }));
        },
      }),
    );
    socket.once('error', reject);
  });
}

describe('the web host', () => {
  test('prints a loopback URL with a per-launch token', () => {
    assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  });

  test('answers app.info with name, version and engines', async () => {
    const reply = await callApi(host, 'app.info');
    assert.equal(reply.status, 200);
    const info = reply.result as { name: string; version: string; host: string; engines: unknown[]; dataFolder: string };
    assert.equal(info.name, 'Atelier');
    assert.match(info.version, /^\d+\.\d+\.\d+/);
    assert.equal(info.host, 'web');
    assert.equal(info.dataFolder, host.home);
    assert.ok(Array.isArray(info.engines));
  });

  test('refuses calls without the token (401)', async () => {
    const none = await fetch(`${host.origin}/api/app.info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as any).error.code, 'UNAUTHORIZED');
    const wrong = await callApi({ origin: host.origin, token: 'f'.repeat(48) }, 'app.info');
    assert.equal(wrong.status, 401);
  });

  test('refuses a foreign Origin (403)', async () => {
    const reply = await callApi(host, 'app.info', {}, { Origin: 'http://evil.example' });
    assert.equal(reply.status, 403);
    assert.equal(reply.error?.code, 'FORBIDDEN');
    const same = await callApi(host, 'app.info', {}, { Origin: host.origin });
    assert.equal(same.status, 200);
  });

  test('refuses a Host that is not the bound address (DNS rebinding, 403)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: Number(new URL(host.origin).port),
          path: '/api/app.info',
          method: 'POST',
          headers: { Host: `rebind.example:${new URL(host.origin).port}`, Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    assert.equal(status, 403);
  });

  test('answers INVALID_INPUT with 400 naming the field', async () => {
    const empty = await callApi(host, 'projects.create', { title: '   ' });
    assert.equal(empty.status, 400);
    assert.equal(empty.error?.code, 'INVALID_INPUT');
    assert.match(empty.error?.message ?? '', /title/);
    const extra = await callApi(host, 'projects.create', { title: 'Ok', sneaky: true });
    assert.equal(extra.status, 400);
    assert.match(extra.error?.message ?? '', /sneaky/);
    const wrongType = await callApi(host, 'settings.set', { threads: 'many' });
    assert.equal(wrongType.status, 400);
    assert.match(wrongType.error?.message ?? '', /threads/);
    const notJson = await fetch(`${host.origin}/api/app.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: '{not json',
    });
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as any).error.code, 'INVALID_INPUT');
  });

  test('refuses calls that are not in the contract', async () => {
    for (const name of ['nope.nope', '__proto__', 'constructor']) {
      const reply = await callApi(host, name);
      assert.equal(reply.status, 404);
      assert.equal(reply.error?.code, 'UNKNOWN_CALL');
    }
  });

  test('writes a project to disk and reads it back', async () => {
    const created = await callApi(host, 'projects.create', { title: 'Harbour Night' });
    assert.equal(created.status, 200);
    const project = ProjectSummarySchema.parse(created.result);
    assert.equal(project.isOpen, true);
    const onDisk = await readProjectStrictly(project.path);
    assert.equal(onDisk.title, 'Harbour Night');
    assert.equal(onDisk.id, project.id);
    assert.equal(path.dirname(project.path), path.join(host.home, 'projects'));

    const renamed = await callApi(host, 'projects.rename', { id: project.id, title: 'Harbour at Night' });
    assert.equal(ProjectSummarySchema.parse(renamed.result).title, 'Harbour at Night');
    const list = (await callApi(host, 'projects.list')).result as { id: string; title: string }[];
    assert.deepEqual(
      list.filter((p) => p.id === project.id).map((p) => p.title),
      ['Harbour at Night'],
    );
    const current = (await callApi(host, 'projects.current')).result as { id: string };
    assert.equal(current.id, project.id);
  });

  test('settings persist and come back validated', async () => {
    const set = await callApi(host, 'settings.set', { theme: 'dark', threads: 2 });
    assert.equal(set.status, 200);
    const got = SettingsSchema.parse((await callApi(host, 'settings.get')).result);
    assert.equal(got.theme, 'dark');
    assert.equal(got.threads, 2);
    const file = JSON.parse(await fs.readFile(path.join(host.home, 'settings.json'), 'utf8'));
    assert.equal(file.theme, 'dark');
  });

  test('events need the token too', async () => {
    await assert.rejects(openEvents('0'.repeat(48)));
  });

  test('an uploaded picture imports as a job with progress, a thumbnail and a served file', async () => {
    await callApi(host, 'projects.create', { title: 'Import test' });
    const events = await openEvents();
    const png = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#4455aa' } })
      .png()
      .toBuffer();
    const upload = await fetch(`${host.origin}/upload`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${host.token}`,
        'Content-Type': 'application/octet-stream',
        'X-Atelier-File-Name': encodeURIComponent('harbour sky.png'),
      },
      body: png,
    });
    assert.equal(upload.status, 200);
    const { ref, size } = ((await upload.json()) as any).result as { ref: string; size: number };
    assert.equal(size, png.length);

    const ticket = await callApi(host, 'assets.import', { fileRef: ref });
    assert.equal(ticket.status, 200);
    const { jobId } = ticket.result as { jobId: string };
    const done = await events.next('job.done', (p) => p.job.id === jobId);
    const job = JobSchema.parse(done.job);
    assert.equal(job.state, 'done');
    assert.equal(job.kind, 'asset.import');
    const asset = AssetSchema.parse(job.result);
    assert.equal(asset.kind, 'image');
    assert.equal(asset.width, 640);
    assert.equal(asset.height, 360);
    assert.ok(asset.thumbnail);
    events.socket.close();

    const assets = (await callApi(host, 'assets.list')).result as { id: string }[];
    assert.deepEqual(
      assets.map((a) => a.id),
      [asset.id],
    );
    const jobs = (await callApi(host, 'jobs.list')).result as { id: string; state: string }[];
    assert.equal(jobs.find((j) => j.id === jobId)?.state, 'done');

    const file = await fetch(`${host.origin}/files/${asset.id}`, { headers: { Authorization: `Bearer ${host.token}` } });
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await file.arrayBuffer()), png);
    const thumb = await fetch(`${host.origin}/files/${asset.id}/thumbnail`, { headers: { Authorization: `Bearer ${host.token}` } });
    assert.equal(thumb.status, 200);
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    assert.equal(meta.format, 'webp');
    assert.ok((meta.width ?? 0) <= 320);

    const noToken = await fetch(`${host.origin}/files/${asset.id}`);
    assert.equal(noToken.status, 401);
    const unknown = await fetch(`${host.origin}/files/..%2F..%2Fsettings.json`, { headers: { Authorization: `Bearer ${host.token}` } });
    assert.equal(unknown.status, 404);

    const again = await callApi(host, 'assets.import', { fileRef: ref });
    assert.equal(again.status, 404, 'a used ref cannot be replayed');
  });

  test('a desktop-only call says so on the web host', async () => {
    const reply = await callApi(host, 'files.pick', { kind: 'image' });
    assert.equal(reply.status, 501);
    assert.equal(reply.error?.code, 'UNSUPPORTED');
  });

  test('cancelling an unknown job is NOT_FOUND', async () => {
    const reply = await callApi(host, 'jobs.cancel', { id: 'nope' });
    assert.equal(reply.status, 404);
    assert.equal(reply.error?.code, 'NOT_FOUND');
  });

  test('deleting a project moves it to the trash', async () => {
    const created = ProjectSummarySchema.parse((await callApi(host, 'projects.create', { title: 'Scratch' })).result);
    const removed = await callApi(host, 'projects.delete', { id: created.id });
    assert.equal(removed.status, 200);
    const movedTo = (removed.result as { movedTo: string }).movedTo;
    assert.ok(movedTo.startsWith(path.join(host.home, 'trash')));
    await fs.access(path.join(movedTo, 'project.json'));
    const list = (await callApi(host, 'projects.list')).result as { id: string }[];
    assert.ok(!list.some((p) => p.id === created.id));
  });
});
