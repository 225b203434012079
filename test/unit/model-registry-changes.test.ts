import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { InstalledModel } from '../../preload/contract.js';
import { registryChanges } from '../../main/core/models/registry-changes.js';

function model(id: string, modality: InstalledModel['modality'], active: boolean, installedAt = '2026-01-01T00:00:00.000Z'): InstalledModel {
  const format = (
    { text: 'gguf', image: 'diffusers-onnx', voice: 'piper', upscaler: 'upscaler-onnx', embedding: 'gguf', 'speech-to-text': 'whisper-onnx' } as const
  )[modality];
  return {
    id,
    name: id,
    modality,
    format,
    path: `/m/${id}`,
    size: 1,
    sha256: 'a'.repeat(64),
    files: [{ path: id, size: 1, sha256: 'a'.repeat(64) }],
    source: 'import',
    owned: true,
    installedAt,
    active,
  };
}

describe('what another process changed, as models.changed events', () => {
  test('nothing changed is no event', () => {
    const list = [model('writer', 'text', true), model('narrator', 'voice', true)];
    assert.deepEqual(registryChanges(list, structuredClone(list)), []);
  });

  test('an install, with the active model of its modality', () => {
    assert.deepEqual(registryChanges([model('writer', 'text', true)], [model('writer', 'text', true), model('poet', 'text', false)]), [
      { reason: 'installed', id: 'poet', modality: 'text', active: 'writer', previous: null },
    ]);
  });

  test('removing the active model names its successor once, with no extra activation', () => {
    assert.deepEqual(registryChanges([model('writer', 'text', true), model('poet', 'text', false)], [model('poet', 'text', true)]), [
      { reason: 'removed', id: 'writer', modality: 'text', active: 'poet', previous: 'writer' },
    ]);
  });

  test('a switch of the active model names the one before', () => {
    const before = [model('writer', 'text', true), model('poet', 'text', false)];
    const after = [model('writer', 'text', false), model('poet', 'text', true)];
    assert.deepEqual(registryChanges(before, after), [{ reason: 'activated', id: 'poet', modality: 'text', active: 'poet', previous: 'writer' }]);
  });

  test('the same id installed anew is a removal and an install', () => {
    const before = [model('narrator', 'voice', true)];
    const after = [model('narrator', 'voice', true, '2026-02-02T00:00:00.000Z')];
    assert.deepEqual(
      registryChanges(before, after).map((c) => c.reason),
      ['removed', 'installed'],
    );
  });
});
