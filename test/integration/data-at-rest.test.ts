import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import type { Asset, Job, ProjectSummary, RemoteTestResult } from '../../preload/contract.js';
import { ok, settled } from '../support/api-calls.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

/** The permission bits, as `ls -l` would show them. */
async function modeOf(file: string): Promise<number> {
  return (await fs.stat(file)).mode & 0o777;
}

async function assertMode(file: string, expected: number): Promise<void> {
  assert.equal((await modeOf(file)).toString(8), expected.toString(8), file);
}

// A server's error page: 10 kB of HTML, with terminal escapes and a NUL thrown in.
const HTML_PAGE = `<!DOCTYPE html>\n<html><head><title>500</title></head><body>\u001b[31mboom\u0000${'<p>stack frame</p>\n'.repeat(560)}</body></html>`;
const JSON_ERROR = JSON.stringify({ error: { message: `\u001b[2J\u0007Model exploded${'x'.repeat(5000)}\nsecond line with the prompt` } });

let host: RunningWebHost;
let home: string;
let broken: http.Server;

before(async () => {
  home = await tempHome('atelier-at-rest-');
  // An older install left everything readable: the start narrows what it owns.
  await fs.chmod(home, 0o755);
  await fs.mkdir(path.join(home, 'logs'), { mode: 0o755 });
  await fs.writeFile(path.join(home, 'logs', 'atelier.log'), '', { mode: 0o644 });
  host = await startWebHostProcess({ home });
  broken = http.createServer((request, response) => {
    if (request.url === '/html/v1/models') response.writeHead(500, { 'Content-Type': 'text/html' }).end(HTML_PAGE);
    else response.writeHead(503, { 'Content-Type': 'application/json' }).end(JSON_ERROR);
  });
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
});

after(async () => {
  await host?.stop();
  broken?.close();
  await fs.rm(home, { recursive: true, force: true });
});

describe('data at rest', () => {
  test('the data folder, logs, projects, uploads and assets are owner-only', async () => {
    await assertMode(home, 0o700);
    await assertMode(path.join(home, 'logs'), 0o700);
    await assertMode(path.join(home, 'logs', 'atelier.log'), 0o600);

    const project = await ok<ProjectSummary>(host, 'projects.create', { title: 'Private harbour' });
    await assertMode(path.join(home, 'projects'), 0o700);
    await assertMode(project.path, 0o700);
    await assertMode(path.join(project.path, 'assets'), 0o700);
    await assertMode(path.join(project.path, 'project.json'), 0o600);
    await assertMode(path.join(home, 'state.json'), 0o600);

    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#224466' } })
      .png()
      .toBuffer();
    const upload = await fetch(`${host.origin}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/octet-stream', 'X-Atelier-File-Name': 'sky.png' },
      body: png,
    });
    assert.equal(upload.status, 200);
    const { ref } = ((await upload.json()) as { result: { ref: string } }).result;
    await assertMode(path.join(home, 'incoming'), 0o700);
    const incoming = await fs.readdir(path.join(home, 'incoming'));
    assert.equal(incoming.length, 1);
    await assertMode(path.join(home, 'incoming', incoming[0] as string), 0o600);

    const { jobId } = await ok<{ jobId: string }>(host, 'assets.import', { fileRef: ref });
    const job: Job = await settled(host, jobId);
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    const asset = job.result as Asset;
    await assertMode(path.join(project.path, asset.file), 0o600);
    assert.ok(asset.thumbnail);
    await assertMode(path.join(project.path, 'thumbnails'), 0o700);
    await assertMode(path.join(project.path, asset.thumbnail), 0o600);
    // The save after the import replaced project.json: still owner-only, and so is its backup's folder.
    await assertMode(path.join(project.path, 'project.json'), 0o600);
  });

  test('a key for plain http on another machine needs allowInsecureKey; loopback and https do not', async () => {
    const refused = await callApi(host, 'remotes.add', { name: 'lan', url: 'http://192.0.2.10:8080/v1', key: 'sk-secret-key-123' });
    assert.equal(refused.status, 400);
    assert.equal(refused.error?.code, 'INVALID_INPUT');
    assert.match(refused.error?.message ?? '', /unencrypted/);
    assert.match(refused.error?.message ?? '', /allowInsecureKey/);
    assert.equal((await ok<unknown[]>(host, 'remotes.list')).length, 0, 'nothing was stored');

    const confirmed = await ok<{ hasKey: boolean }>(host, 'remotes.add', {
      name: 'lan',
      url: 'http://192.0.2.10:8080/v1',
      key: 'sk-secret-key-123',
      allowInsecureKey: true,
    });
    assert.equal(confirmed.hasKey, true);
    // Without a key there is nothing to leak; loopback never leaves the machine; https is encrypted.
    await ok(host, 'remotes.add', { name: 'lan-open', url: 'http://192.0.2.10:8080/v1' });
    for (const [name, url] of [
      ['loop4', 'http://127.0.0.1:9/v1'],
      ['loop6', 'http://[::1]:9'],
      ['loopname', 'http://localhost:9'],
      ['secure', 'https://gpu.example:8443/v1'],
    ]) {
      const added = await ok<{ hasKey: boolean }>(host, 'remotes.add', { name, url, key: 'sk-secret-key-123' });
      assert.equal(added.hasKey, true, url);
    }
    const wrongType = await callApi(host, 'remotes.add', { name: 'lan2', url: 'http://192.0.2.11/', key: 'k', allowInsecureKey: 'yes' });
    assert.equal(wrongType.status, 400);
    await assertMode(path.join(home, 'remote-keys.json'), 0o600);
    await assertMode(path.join(home, 'remotes.json'), 0o600);
  });

  test('the CLI asks for --allow-insecure-key in the same case', async () => {
    const cliHome = await tempHome('atelier-at-rest-cli-');
    try {
      const refused = runCli(['remotes', 'add', 'lan', 'http://192.0.2.10:8080/v1', '--key', 'sk-secret-key-123'], { ATELIER_HOME: cliHome });
      assert.notEqual(refused.status, 0);
      assert.match(refused.stderr, /unencrypted/);
      assert.match(refused.stderr, /--allow-insecure-key/);
      const accepted = runCli(['remotes', 'add', 'lan', 'http://192.0.2.10:8080/v1', '--key', 'sk-secret-key-123', '--allow-insecure-key'], {
        ATELIER_HOME: cliHome,
      });
      assert.equal(accepted.status, 0, accepted.stderr);
      assert.match(accepted.stdout, /with a key/);
      await assertMode(path.join(cliHome, 'remote-keys.json'), 0o600);
    } finally {
      await fs.rm(cliHome, { recursive: true, force: true });
    }
  });

  test('a remote error page comes back as a short, clean REMOTE_FAILED; the whole body goes to the log', async () => {
    const port = (broken.address() as AddressInfo).port;
    await ok(host, 'remotes.add', { name: 'htmlpage', url: `http://127.0.0.1:${port}/html` });
    await ok(host, 'remotes.add', { name: 'jsonerr', url: `http://127.0.0.1:${port}/json` });

    const html = await ok<RemoteTestResult>(host, 'remotes.test', { name: 'htmlpage' });
    assert.equal(html.ok, false);
    assert.equal(html.error?.code, 'REMOTE_FAILED');
    const htmlMessage = html.error?.message ?? '';
    assert.match(htmlMessage, /HTTP 500/);
    assert.ok(htmlMessage.length < 200, `${htmlMessage.length} characters: ${htmlMessage}`);
    assert.doesNotMatch(htmlMessage, /<|stack frame|boom/);
    assert.doesNotMatch(htmlMessage, /[\u0000-\u001f\u007f]/);

    const json = await ok<RemoteTestResult>(host, 'remotes.test', { name: 'jsonerr' });
    assert.equal(json.error?.code, 'REMOTE_FAILED');
    const jsonMessage = json.error?.message ?? '';
    assert.match(jsonMessage, /HTTP 503: Model exploded/);
    assert.ok(jsonMessage.length < 300, `${jsonMessage.length} characters`);
    assert.doesNotMatch(jsonMessage, /[\u0000-\u001f\u007f]|second line/);

    const log = await fs.readFile(path.join(home, 'logs', 'atelier.log'), 'utf8');
    assert.ok(log.includes(JSON.stringify(HTML_PAGE).slice(1, -1)), 'the whole HTML page is in the log');
    assert.ok(log.includes('second line with the prompt'));
  });
});
