/**
 * The real web host (`atelier serve`) set up for fuzzing: a catalog whose only model
 * lives on a closed loopback port (no fuzzed call can start a download off this
 * computer), raw-body requests, and a clean end (jobs cancelled, host stopped).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ERROR_CODES } from '../../preload/errors.js';
import { describeBody, type HostileBody } from './hostile-payloads.js';
import { callApi, startWebHostProcess, tempHome, type RunningWebHost } from './web-host.js';

export async function startFuzzHost(): Promise<RunningWebHost> {
  const home = await tempHome('atelier-fuzz-');
  const catalog = path.join(home, 'fuzz-catalog.json');
  const model = {
    id: 'fuzz-only',
    name: 'Fuzz only',
    modality: 'text',
    format: 'gguf',
    // Port 9 (discard) on loopback: nothing listens, so a download that somehow starts fails at once, locally.
    files: [{ path: 'fuzz.gguf', url: 'http://127.0.0.1:9/fuzz.gguf', size: 16, sha256: 'a'.repeat(64) }],
    licence: 'MIT',
    licenceUrl: 'https://example.org/licence',
    ramMb: 64,
    description: 'A catalog entry for the fuzz suite.',
    source: 'https://example.org/fuzz',
  };
  await fs.writeFile(catalog, JSON.stringify({ schemaVersion: 1, models: [model] }));
  return startWebHostProcess({ home, env: { ATELIER_CATALOG: catalog } });
}

export interface RawReply {
  status: number;
  text: string;
  json: unknown;
}

/** Sends a body exactly as given: a string under no content type goes as bytes, so fetch adds no text/plain. */
export async function sendRaw(host: RunningWebHost, method: string, url: string, input: HostileBody | undefined): Promise<RawReply> {
  const headers: Record<string, string> = { Authorization: `Bearer ${host.token}` };
  if (input?.contentType !== undefined) headers['Content-Type'] = input.contentType;
  const body = input === undefined ? undefined : typeof input.body === 'string' ? Buffer.from(input.body) : input.body;
  const response = await fetch(`${host.origin}${url}`, { method, headers, ...(body !== undefined && { body }) });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/**
 * A contract call's reply is either a result (a random payload may be valid) or a
 * typed error from preload/errors.ts; never a 500 or INTERNAL. A few codes carry a
 * documented 5xx status that is not a failure of the server (UNSUPPORTED on this host,
 * an engine that is not installed): those are allowed, INTERNAL and bare 500 are not.
 */
const TYPED_5XX = new Set(['UNSUPPORTED', 'ENGINE_UNAVAILABLE', 'REMOTE_UNREACHABLE', 'REMOTE_FAILED', 'REMOTE_TIMEOUT']);

export function assertTypedReply(reply: RawReply, what: string, input: HostileBody): void {
  const context = `${what} ← ${describeBody(input)} → ${reply.status} ${reply.text.slice(0, 300)}`;
  assert.ok(reply.json !== undefined && typeof reply.json === 'object' && reply.json !== null, `not a JSON object: ${context}`);
  const body = reply.json as { result?: unknown; error?: { code?: unknown; message?: unknown } };
  if (reply.status < 300) {
    assert.ok('result' in body, `a 2xx without result: ${context}`);
    return;
  }
  assert.ok(body.error && typeof body.error === 'object', `an error reply without error: ${context}`);
  assert.ok((ERROR_CODES as readonly unknown[]).includes(body.error.code), `untyped error code: ${context}`);
  assert.equal(typeof body.error.message, 'string', `error without message: ${context}`);
  assert.notEqual(body.error.code, 'INTERNAL', `INTERNAL: ${context}`);
  assert.ok(reply.status < 500 || TYPED_5XX.has(body.error.code as string), `server error: ${context}`);
}

/** Cancels whatever the fuzzing started, checks the host still answers, then stops it and removes its data folder. */
export async function finishFuzzHost(host: RunningWebHost): Promise<void> {
  try {
    assert.equal(host.process.exitCode, null, 'the web host is still running');
    const info = await callApi(host, 'app.info');
    assert.equal(info.status, 200, 'app.info still answers');
    const jobs = await callApi(host, 'jobs.list');
    for (const job of jobs.result as { id: string; state: string }[]) {
      if (job.state === 'queued' || job.state === 'running') await callApi(host, 'jobs.cancel', { id: job.id });
    }
  } finally {
    await host.stop();
    await fs.rm(host.home, { recursive: true, force: true });
  }
}
