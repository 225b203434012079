import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitVerdict, readHardware } from '../../main/core/hardware.js';

const GiB = 1024 ** 3;

test('a model that needs at most 60 % of memory fits', () => {
  assert.equal(fitVerdict(512, 16 * GiB), 'fits');
  // Exactly 60 % of 10 GiB is 6144 MiB.
  assert.equal(fitVerdict(6144, 10 * GiB), 'fits');
  assert.equal(fitVerdict(0, 8 * GiB), 'fits');
});

test('above 60 % and up to 85 % is tight', () => {
  assert.equal(fitVerdict(6145, 10 * GiB), 'tight');
  // Exactly 85 % of 10 GiB is 8704 MiB.
  assert.equal(fitVerdict(8704, 10 * GiB), 'tight');
});

test('above 85 % is too large', () => {
  assert.equal(fitVerdict(8705, 10 * GiB), 'too-large');
  assert.equal(fitVerdict(12_000, 8 * GiB), 'too-large');
});

test('an unknown amount of memory never claims a fit', () => {
  assert.equal(fitVerdict(100, 0), 'too-large');
  assert.equal(fitVerdict(100, Number.NaN), 'too-large');
});

test('the hardware summary reads the CPU and memory and is honest about the GPU', () => {
  const hardware = readHardware();
  assert.ok(hardware.cpu.cores >= 1);
  assert.ok(hardware.cpu.model.length > 0);
  assert.ok(hardware.ramBytes > 0);
  assert.ok(hardware.freeRamBytes <= hardware.ramBytes);
  assert.equal(hardware.gpu, null);
  assert.match(hardware.gpuNote, /GPU offload: off/);
});

test('the GPU line says what llama.cpp found, or why it could not look', () => {
  assert.match(readHardware(new Error('no backend')).gpuNote, /could not check for a GPU: no backend/);
  const cpuOnly = readHardware({ gpu: null, deviceNames: [], vramBytes: null, cpuMathCores: 2, gpuBackendFound: null, softwareDevices: [] });
  assert.equal(cpuOnly.gpu, null);
  assert.match(cpuOnly.gpuNote, /no usable GPU/);
  const cuda = readHardware({ gpu: 'cuda', deviceNames: ['NVIDIA H200'], vramBytes: 141e9, cpuMathCores: 16, gpuBackendFound: 'cuda', softwareDevices: [] });
  assert.deepEqual(cuda.gpu, { name: 'NVIDIA H200', vramBytes: 141e9 });
  assert.match(cuda.gpuNote, /CUDA/);
});

test('a GPU backend with only a software renderer behind it is named, not used, and says the CPU runs the models', () => {
  const lavapipe = readHardware({
    gpu: null,
    deviceNames: [],
    vramBytes: null,
    cpuMathCores: 2,
    gpuBackendFound: 'vulkan',
    softwareDevices: ['llvmpipe (LLVM 15.0.7, 256 bits)'],
  });
  assert.equal(lavapipe.gpu, null);
  assert.equal(lavapipe.gpuNote, 'llama.cpp found Vulkan: llvmpipe (LLVM 15.0.7, 256 bits) is a software renderer, not used; models run on the CPU.');
  const empty = readHardware({ gpu: null, deviceNames: [], vramBytes: null, cpuMathCores: 2, gpuBackendFound: 'vulkan', softwareDevices: [] });
  assert.equal(empty.gpuNote, 'llama.cpp found Vulkan: no GPU device; models run on the CPU.');
  const both = readHardware({
    gpu: 'vulkan',
    deviceNames: ['AMD Radeon RX 7600'],
    vramBytes: 8e9,
    cpuMathCores: 8,
    gpuBackendFound: 'vulkan',
    softwareDevices: ['SwiftShader'],
  });
  assert.deepEqual(both.gpu, { name: 'AMD Radeon RX 7600', vramBytes: 8e9 });
  assert.equal(both.gpuNote, 'llama.cpp uses Vulkan on this GPU (SwiftShader is a software renderer, not used).');
});
