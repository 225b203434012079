import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffusionDefaults } from '../../renderer/src/workspace/image/diffusion-defaults.js';

test('diffusion defaults follow the model: Turbo 1–4 steps at guidance 0, LCM 4–8 at 1–2, SD 1.5 20–30 at 7', () => {
  assert.deepEqual(diffusionDefaults('SD-Turbo (ONNX)'), { steps: 2, guidance: 0 });
  assert.deepEqual(diffusionDefaults('sdxl-turbo'), { steps: 2, guidance: 0 });
  assert.deepEqual(diffusionDefaults('LCM Dreamshaper v7'), { steps: 6, guidance: 1.5 });
  assert.deepEqual(diffusionDefaults('lcm_dreamshaper_v7'), { steps: 6, guidance: 1.5 });
  assert.deepEqual(diffusionDefaults('Stable Diffusion 1.5'), { steps: 25, guidance: 7 });
  assert.deepEqual(diffusionDefaults(undefined), { steps: 25, guidance: 7 });
});
