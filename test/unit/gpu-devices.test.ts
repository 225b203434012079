import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { hasHardwareGpu, isSoftwareRenderer, sortGpuDevices } from '../../main/engines/gpu-devices.js';
import { loadFailureCode } from '../../main/engines/text/llama-load-errors.js';
import { softwareVulkanDrivers } from '../../main/engines/vulkan-drivers.js';
import { gpuProviders } from '../../main/engines/image/diffusion/diffusion-model.js';

const SOFTWARE = [
  'llvmpipe (LLVM 15.0.7, 256 bits)',
  'LLVMPIPE (LLVM 19.1.1, 256 bits)',
  'lavapipe',
  'SwiftShader Device (Subzero)',
  'Google SwiftShader',
  'Microsoft Basic Render Driver',
  'softpipe',
];
const HARDWARE = [
  'NVIDIA GeForce RTX 4090',
  'NVIDIA H100 80GB HBM3',
  'AMD Radeon RX 7600 (RADV NAVI33)',
  'Intel(R) UHD Graphics 620 (KBL GT2)',
  'Apple M2 Pro',
  // Whole words only: these merely contain a renderer's letters.
  'Swiftshaderless Imaginary GPU 3000',
  'Microsoft Basic Render Drivers Inc. Accelerator',
  'xllvmpipe accelerator',
];

test('software renderers are recognised by name, whatever the case', () => {
  for (const name of SOFTWARE) assert.equal(isSoftwareRenderer(name), true, name);
});

test('real GPUs, and names that only contain a renderer’s letters, are not software renderers', () => {
  for (const name of HARDWARE) assert.equal(isSoftwareRenderer(name), false, name);
});

test('a device list is sorted into real GPUs and software renderers, blank names dropped', () => {
  assert.deepEqual(sortGpuDevices(['llvmpipe (LLVM 15.0.7, 256 bits)', ' NVIDIA GeForce RTX 4090 ', '']), {
    hardware: ['NVIDIA GeForce RTX 4090'],
    software: ['llvmpipe (LLVM 15.0.7, 256 bits)'],
  });
  assert.deepEqual(sortGpuDevices([]), { hardware: [], software: [] });
});

test('a GPU is used only when a real one is present', () => {
  assert.equal(hasHardwareGpu([]), false, 'no device at all');
  assert.equal(hasHardwareGpu(['llvmpipe (LLVM 15.0.7, 256 bits)']), false, 'lavapipe alone');
  assert.equal(hasHardwareGpu(['SwiftShader Device (Subzero)', 'Microsoft Basic Render Driver']), false, 'software only');
  assert.equal(hasHardwareGpu(['llvmpipe (LLVM 15.0.7, 256 bits)', 'AMD Radeon RX 7600 (RADV NAVI33)']), true, 'a real GPU beside lavapipe');
  assert.equal(hasHardwareGpu(['NVIDIA H100 80GB HBM3']), true, 'a real GPU alone');
});

test('llama.cpp load failures map to codes by whole words', () => {
  // The message that once read as out of memory: "hyperparameters" contains "ram".
  assert.equal(
    loadFailureCode('llama_model_load: error loading model: error loading model hyperparameters: key not found in model: llama.context_length'),
    'MODEL_INVALID',
  );
  assert.equal(loadFailureCode('tensor "blk.0.attn_q.weight" has invalid ggml type 99 (parameters, framework, memorandum)'), 'MODEL_INVALID');
  assert.equal(loadFailureCode('ggml_backend_cpu_buffer_type_alloc_buffer: failed to allocate buffer of size 68719476736'), 'MODEL_TOO_LARGE');
  assert.equal(loadFailureCode('not enough VRAM for the offloaded layers'), 'MODEL_TOO_LARGE');
  assert.equal(loadFailureCode('cudaMalloc failed: out of memory'), 'MODEL_TOO_LARGE');
  assert.equal(loadFailureCode('insufficient RAM'), 'MODEL_TOO_LARGE');
  assert.equal(loadFailureCode("error loading model architecture: unknown model architecture: 'atelier-test'"), 'MODEL_UNSUPPORTED');
  assert.equal(loadFailureCode('Failed to load model'), 'MODEL_INVALID');
});

test('software Vulkan drivers are named from the manifests the Vulkan loader would read', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-icd-'));
  try {
    const lvp = path.join(dir, 'lvp_icd.x86_64.json');
    const radeon = path.join(dir, 'radeon_icd.x86_64.json');
    await fs.writeFile(lvp, '{}');
    await fs.writeFile(radeon, '{}');
    assert.deepEqual(softwareVulkanDrivers({ VK_DRIVER_FILES: `${radeon}:${lvp}` }), ['lavapipe (llvmpipe, mesa)']);
    assert.deepEqual(softwareVulkanDrivers({ VK_ICD_FILENAMES: radeon }), []);
    assert.deepEqual(softwareVulkanDrivers({ VK_DRIVER_FILES: path.join(dir, 'missing_lvp_icd.json') }), []);
    const shared = path.join(dir, 'share');
    await fs.mkdir(path.join(shared, 'vulkan', 'icd.d'), { recursive: true });
    await fs.writeFile(path.join(shared, 'vulkan', 'icd.d', 'vk_swiftshader_icd.json'), '{}');
    assert.ok(softwareVulkanDrivers({ XDG_DATA_DIRS: shared }).includes('SwiftShader'));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

describe('ONNX Runtime providers for diffusion on the GPU', () => {
  const linux = ['cpu', 'webgpu', 'cuda', 'tensorrt'];
  test('with no real GPU found, providers that pick their own adapter (WebGPU, DirectML) stay off; CUDA may still try', () => {
    assert.deepEqual(gpuProviders(linux, false), { providers: ['cuda'], skipped: ['webgpu'] });
    assert.deepEqual(gpuProviders(['cpu', 'dml', 'webgpu'], false), { providers: [], skipped: ['dml', 'webgpu'] });
  });
  test('with a real GPU, or when nobody could tell, every provider of the build is tried, most capable first', () => {
    assert.deepEqual(gpuProviders(linux, true), { providers: ['cuda', 'webgpu'], skipped: [] });
    assert.deepEqual(gpuProviders(linux, undefined), { providers: ['cuda', 'webgpu'], skipped: [] });
    assert.deepEqual(gpuProviders(['cpu', 'coreml', 'webgpu'], true), { providers: ['coreml', 'webgpu'], skipped: [] });
  });
});
