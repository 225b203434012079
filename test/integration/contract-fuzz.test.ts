/**
 * Every call in the contract, fuzzed through the real web host: hostile bodies get a
 * typed error (or, when a random body happens to be valid, a result), never a 500, a
 * dropped connection or a crash, and the host answers app.info afterwards. The call
 * list comes from preload/contract.ts, so a new call is fuzzed without touching this file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { CALL_NAMES, calls } from '../../preload/contract.js';
import { assertTypedReply, finishFuzzHost, sendRaw, startFuzzHost } from '../support/fuzz-host.js';
import { deepArray, deepObject, hostileBody } from '../support/hostile-payloads.js';
import { callApi, type RunningWebHost } from '../support/web-host.js';

/** Per call: 47 calls × 30 runs ≈ 1,400 requests, 25-50 s on the shared 2-core machine (1 MB bodies dominate). */
const RUNS_PER_CALL = 30;
const SEED = 1313;

let host: RunningWebHost;

before(async () => {
  host = await startFuzzHost();
  // An open project, so calls that need one get past NO_PROJECT_OPEN to their own checks.
  const created = await callApi(host, 'projects.create', { title: 'Fuzz target' });
  assert.equal(created.status, 200);
});

after(async () => {
  if (host) await finishFuzzHost(host);
});

describe('the contract under hostile payloads', () => {
  test('the call list is enumerated from the contract', () => {
    assert.ok(CALL_NAMES.length >= 40, `${CALL_NAMES.length} calls`);
    assert.ok(CALL_NAMES.includes('app.info') && CALL_NAMES.includes('jobs.cancel'));
  });

  for (const name of CALL_NAMES) {
    test(`${name}: typed errors only`, async () => {
      await fc.assert(
        fc.asyncProperty(hostileBody(calls[name].input), async (input) => {
          const reply = await sendRaw(host, 'POST', `/api/${name}`, input);
          assertTypedReply(reply, name, input);
        }),
        { numRuns: RUNS_PER_CALL, seed: SEED, endOnFailure: true },
      );
    });
  }

  test('hostile call names are unknown calls, not server errors', async () => {
    const names = ['__proto__', 'constructor', 'prototype', 'toString', 'app.info.x', 'app', '.', '%00', 'a'.repeat(5000), 'app%2Enope', '..%2Fapp.info'];
    for (const name of names) {
      const input = { contentType: 'application/json', body: '{}' };
      const reply = await sendRaw(host, 'POST', `/api/${name}`, input);
      assertTypedReply(reply, `/api/${name.slice(0, 40)}`, input);
      assert.ok(reply.status >= 400, `${name} → ${reply.status}`);
    }
  });

  test('deep nesting in a real field of every call is refused or accepted, never a crash', async () => {
    for (const name of CALL_NAMES) {
      for (const deep of [deepArray(), deepObject()]) {
        const input = { contentType: 'application/json', body: `{"title":${deep},"prompt":${deep},"schema":${deep}}` };
        assertTypedReply(await sendRaw(host, 'POST', `/api/${name}`, input), name, input);
      }
    }
  });

  test('the host still answers app.info afterwards', async () => {
    const info = await callApi(host, 'app.info');
    assert.equal(info.status, 200);
    assert.equal(host.process.exitCode, null);
  });
});
