/**
 * Which of the devices a GPU runtime lists are real GPUs. Software renderers (mesa's
 * lavapipe/llvmpipe, Google's SwiftShader, Windows' Basic Render Driver) present
 * themselves as Vulkan, WebGPU or DirectX devices but run on the CPU, slower than the
 * CPU path itself and without its memory pre-check; a machine that only has those has no GPU.
 */

/** Matched against device names as whole words, case-insensitively ("llvmpipe (LLVM 15.0.7, 256 bits)"). */
const SOFTWARE_RENDERERS: readonly RegExp[] = [/\bllvmpipe\b/i, /\blavapipe\b/i, /\bsoftpipe\b/i, /\bswiftshader\b/i, /\bmicrosoft basic render driver\b/i];

export function isSoftwareRenderer(deviceName: string): boolean {
  return SOFTWARE_RENDERERS.some((pattern) => pattern.test(deviceName));
}

interface SortedGpuDevices {
  /** Real GPUs: worth offloading to. */
  hardware: string[];
  /** Software renderers: seen, and not used. */
  software: string[];
}

export function sortGpuDevices(deviceNames: readonly string[]): SortedGpuDevices {
  const hardware: string[] = [];
  const software: string[] = [];
  for (const raw of deviceNames) {
    const name = raw.trim();
    if (name === '') continue;
    (isSoftwareRenderer(name) ? software : hardware).push(name);
  }
  return { hardware, software };
}

/** A runtime's GPU backend is worth using only when it lists at least one real GPU. */
export function hasHardwareGpu(deviceNames: readonly string[]): boolean {
  return sortGpuDevices(deviceNames).hardware.length > 0;
}
