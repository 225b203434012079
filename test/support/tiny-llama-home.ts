import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { runCli, tempHome } from './web-host.js';

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
