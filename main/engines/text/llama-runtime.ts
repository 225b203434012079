/**
 * node-llama-cpp's runtime for one GPU setting, shared by the engine hosts that load GGUF
 * models (llama-host.ts for text, embed-host.ts for embeddings); each host process opens
 * its own.
 */
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { AtelierError } from '../../../preload/errors.js';
import { sortGpuDevices } from '../gpu-devices.js';
import { softwareVulkanDrivers } from '../vulkan-drivers.js';
import type { HostHardware } from './llama-host-api.js';

/** The runtime for one GPU setting, and what was seen of the GPUs on the way to it. */
interface Runtime {
  llama: Llama;
  found: Pick<HostHardware, 'gpuBackendFound' | 'softwareDevices'>;
}
let llama: { gpu: 'auto' | 'off'; instance: Promise<Runtime> } | undefined;
/** llama.cpp says why a load failed only in its log; the last lines explain the next error. */
export const recentLog: string[] = [];

function remember(level: LlamaLogLevel, message: string): void {
  recentLog.push(message.trim());
  if (recentLog.length > 20) recentLog.shift();
  if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) process.stderr.write(`${message.trim()}\n`);
}

function openLlama(gpu: false | 'auto'): Promise<Llama> {
  return getLlama({ gpu, build: 'never', logLevel: LlamaLogLevel.warn, logger: remember });
}

/**
 * 'auto' uses a GPU backend only when it lists a real GPU: a software renderer (lavapipe,
 * SwiftShader) or a backend with no device at all falls back to the CPU build, whose
 * memory pre-check then guards the load.
 */
async function openRuntime(gpu: 'auto' | 'off'): Promise<Runtime> {
  if (gpu === 'off') return { llama: await openLlama(false), found: { gpuBackendFound: null, softwareDevices: [] } };
  const candidate = await openLlama('auto');
  if (candidate.gpu === false) return { llama: candidate, found: { gpuBackendFound: null, softwareDevices: [] } };
  const sorted = sortGpuDevices(await candidate.getGpuDeviceNames());
  const software = [...new Set([...sorted.software, ...(candidate.gpu === 'vulkan' ? softwareVulkanDrivers() : [])])];
  const found = { gpuBackendFound: candidate.gpu, softwareDevices: software };
  if (sorted.hardware.length > 0) return { llama: candidate, found };
  await candidate.dispose();
  return { llama: await openLlama(false), found };
}

export function getRuntime(gpu: 'auto' | 'off'): Promise<Runtime> {
  if (llama && llama.gpu === gpu) return llama.instance;
  const instance = openRuntime(gpu).catch((error: unknown) => {
    llama = undefined;
    throw new AtelierError('ENGINE_UNAVAILABLE', `llama.cpp could not start on this computer: ${(error as Error).message}`);
  });
  llama = { gpu, instance };
  return instance;
}
