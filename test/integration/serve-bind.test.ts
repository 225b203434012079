import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { CLI, tempHome } from '../support/web-host.js';

// `atelier serve --host` is checked before anything starts: every spelling of the
// unspecified address is a one-line usage error (exit 2), and an address other machines
// can reach needs --allow-network, warns who can reach it, and keeps every API route locked.
let home: string;

before(async () => {
  home = await tempHome('atelier-serve-bind-');
});

after(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

function serve(args: string[]) {
  return spawnSync(process.execPath, [CLI, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ATELIER_HOME: home },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

/** This machine's first address that is not loopback, if it has one (a sandbox without network has none). */
function networkAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((entry) => entry && !entry.internal && entry.family === 'IPv4')?.address;
}

describe('atelier serve --host', () => {
  for (const spelling of ['0x0', '0', '000.000.000.000', '::0', '[::]', '::ffff:0.0.0.0']) {
    test(`--host ${spelling} is refused like 0.0.0.0: exit 2, one line`, () => {
      const run = serve(['--host', spelling]);
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stdout, '');
      const lines = run.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0] as string, /^atelier: --host .* is the unspecified address \((0\.0\.0\.0|::)\)/);
    });
  }

  test('a malformed --host is a one-line usage error', () => {
    const run = serve(['--host', '1.2.3.4.5']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^atelier: --host "1\.2\.3\.4\.5" is neither an IP address nor a host name\.\n$/);
  });

  test('an address other machines can reach needs --allow-network', () => {
    const run = serve(['--host', networkAddress() ?? '192.0.2.77']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /can be reached from other machines: add --allow-network/);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1);
  });

  test('with --allow-network it warns who can reach it, and every API route needs the token', async (t) => {
    const address = networkAddress();
    if (address === undefined) {
      // No network interface here (an offline namespace): the refusal above is what can be checked; binding is not possible.
      t.diagnostic('this machine has no non-loopback address; checked the refusal only');
      return;
    }
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--host', address, '--allow-network'], {
      env: { ...process.env, ATELIER_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await new Promise<URL>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /Atelier is running at (\S+)/.exec(stdout);
          if (match) resolve(new URL(match[1] as string));
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      assert.equal(url.hostname, address);
      assert.match(stderr, new RegExp(`anyone who can reach ${address.replace(/\./g, '\\.')}:${url.port} on your network`));
      const token = url.searchParams.get('token') as string;
      const api = (path: string, init: RequestInit = {}) => fetch(`${url.origin}${path}`, init);
      assert.equal((await api('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status, 401);
      assert.equal((await api('/%61pi/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status, 401);
      assert.equal((await api('/v1/models')).status, 401);
      assert.equal(
        (await api('/api/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' })).status,
        200,
      );
      assert.equal((await api('/v1/models', { headers: { Authorization: `Bearer ${token}` } })).status, 200);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
