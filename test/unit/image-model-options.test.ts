import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localModelOptions, modelSelectValue } from '../../renderer/src/workspace/image/model-options.js';

const turbo = { id: 'sd-turbo', name: 'SD-Turbo (ONNX, fp16)', active: true };
const lcm = { id: 'lcm', name: 'LCM Dreamshaper v7 (SD 1.5, ONNX)', active: false };

test('each installed model is listed once; the active one is marked and stands for "the active model"', () => {
  const options = localModelOptions([turbo, lcm], true);
  assert.deepEqual(options, [
    { value: '', label: 'SD-Turbo (ONNX, fp16) (active)' },
    { value: 'lcm', label: 'LCM Dreamshaper v7 (SD 1.5, ONNX)' },
  ]);
  assert.equal(options.filter((o) => o.label.startsWith('SD-Turbo')).length, 1);
  assert.equal(new Set(options.map((o) => o.value)).size, options.length, 'no two rows share a value');
});

test('only while the list is unknown (or none is active) does a bare "Active model" row stand in', () => {
  assert.deepEqual(localModelOptions(null, true), [{ value: '', label: 'Active model' }]);
  assert.deepEqual(localModelOptions([{ ...lcm }], true), [
    { value: '', label: 'Active model' },
    { value: 'lcm', label: 'LCM Dreamshaper v7 (SD 1.5, ONNX)' },
  ]);
  assert.deepEqual(localModelOptions([], false), []);
});

test('a request that names the active model by id (Reuse) selects its row', () => {
  assert.equal(modelSelectValue([turbo, lcm], 'sd-turbo'), '');
  assert.equal(modelSelectValue([turbo, lcm], 'lcm'), 'lcm');
  assert.equal(modelSelectValue([turbo, lcm], ''), '');
  assert.equal(modelSelectValue(null, 'remote:x'), 'remote:x');
});
