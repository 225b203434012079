import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import OpenAI from 'openai';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { runCli, startWebHostProcess, tempHome, type RunningWebHost } from './web-host.js';

/** A data folder with the fixture text model imported and small engine settings, before the server starts. */
export async function homeWithTinyLlama(prefix: string): Promise<{ home: string; modelId: string }> {
  const dir = await tempHome(prefix);
  await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ threads: 2, contextSize: 1024 }));
  const imported = runCli(['models', 'import', fixturePath('tiny-llama'), '--reference'], { ATELIER_HOME: dir });
  assert.equal(imported.status, 0, imported.stderr);
  const listed = runCli(['models', 'list', '--json'], { ATELIER_HOME: dir });
  const models = JSON.parse(listed.stdout) as { id: string; modality: string; active: boolean }[];
  const text = models.find((m) => m.modality === 'text');
  assert.ok(text, listed.stdout);
  if (!text.active) assert.equal(runCli(['models', 'use', text.id], { ATELIER_HOME: dir }).status, 0);
  return { home: dir, modelId: text.id };
}

/** A real `atelier serve` on a data folder with the fixture text model, and the official client pointed at its /v1. */
export async function serveTinyLlama(prefix: string, timeout = 60_000): Promise<{ home: string; modelId: string; host: RunningWebHost; client: OpenAI }> {
  await ensureFixtures({ only: ['tiny-llama'] });
  const { home, modelId } = await homeWithTinyLlama(prefix);
  const host = await startWebHostProcess({ home });
  const client = new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token, maxRetries: 0, timeout });
  return { home, modelId, host, client };
}

/** Stops what serveTinyLlama started (either may be missing when its `before` failed) and removes the data folder. */
export async function stopServed(host: RunningWebHost | undefined, home: string | undefined): Promise<void> {
  await host?.stop();
  if (home) await fs.rm(home, { recursive: true, force: true });
}
