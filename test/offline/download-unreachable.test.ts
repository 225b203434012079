/**
 * Run by scripts/offline-check.sh inside a network namespace with only loopback: a
 * download from a host off this computer fails cleanly (DOWNLOAD_FAILED, nothing
 * installed, nothing half-written). Its connect() to 203.0.113.7 (TEST-NET-3, never a
 * real host) is the one outbound attempt the script expects and allows; seeing it also
 * proves the connect() count is not blind. Outside that namespace this would wait on a
 * real network, so it is not part of the integration suite.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import type { Job } from '../../preload/contract.js';
import { createStudio } from '../../main/app/studio.js';
import { tempHome } from '../support/web-host.js';

export const UNREACHABLE = '203.0.113.7';

test('a download from a host off this computer fails with DOWNLOAD_FAILED and installs nothing', async () => {
  const home = await tempHome('atelier-offline-');
  const catalogFile = path.join(home, 'catalog.json');
  const model = {
    id: 'offline-probe',
    name: 'Offline probe',
    modality: 'text',
    format: 'gguf',
    files: [{ path: 'probe.gguf', url: `https://${UNREACHABLE}/probe.gguf`, size: 1024, sha256: 'a'.repeat(64) }],
    licence: 'MIT',
    licenceUrl: 'https://example.org/licence',
    ramMb: 64,
    description: 'A model on a host that cannot be reached.',
    source: 'https://example.org/probe',
  };
  await fs.writeFile(catalogFile, JSON.stringify({ schemaVersion: 1, models: [model] }));
  const studio = await createStudio({ host: 'cli', home, models: { catalogFile, tuning: { retries: 1, retryDelayMs: 10, maxRetryDelayMs: 10 } } });
  try {
    const { jobId } = (await studio.call('models.download', { catalogId: 'offline-probe' })) as { jobId: string };
    let job: Job | undefined;
    for (let i = 0; i < 3000 && !(job && ['done', 'failed', 'cancelled'].includes(job.state)); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      job = ((await studio.call('jobs.list', {})) as Job[]).find((j) => j.id === jobId);
    }
    assert.equal(job?.state, 'failed');
    assert.equal(job?.error?.code, 'DOWNLOAD_FAILED', JSON.stringify(job?.error));
    assert.match(job?.error?.message ?? '', new RegExp(UNREACHABLE.replaceAll('.', '\\.')));
    assert.deepEqual(studio.models.list(), []);
  } finally {
    await studio.dispose();
    await fs.rm(home, { recursive: true, force: true });
  }
});
