import os from 'node:os';
import type { Hardware } from '../../preload/schemas/hardware.js';
import type { HostHardware } from '../engines/text/llama-host-api.js';

export { fitVerdict } from '../../preload/schemas/hardware.js';

const BACKEND_NAMES: Record<string, string> = { cuda: 'CUDA', vulkan: 'Vulkan', metal: 'Metal' };

function backendName(gpu: string): string {
  return BACKEND_NAMES[gpu] ?? gpu;
}

/** The GPU line from what llama.cpp detected (node-llama-cpp), or why there is none. */
function gpuFrom(llama: HostHardware | Error | undefined): Pick<Hardware, 'gpu' | 'gpuNote'> {
  if (llama === undefined) return { gpu: null, gpuNote: 'GPU detection is off in Settings (GPU offload: off).' };
  if (llama instanceof Error) return { gpu: null, gpuNote: `llama.cpp could not check for a GPU: ${llama.message}` };
  const software = llama.softwareDevices;
  const softwareNote =
    software.length > 0 ? `${software.join(', ')} ${software.length === 1 ? 'is a software renderer' : 'are software renderers'}, not used` : '';
  if (!llama.gpu) {
    if (llama.gpuBackendFound) {
      const found = backendName(llama.gpuBackendFound);
      const why = softwareNote ? `${found}: ${softwareNote}` : `${found}: no GPU device`;
      return { gpu: null, gpuNote: `llama.cpp found ${why}; models run on the CPU.` };
    }
    return { gpu: null, gpuNote: 'llama.cpp found no usable GPU (CUDA, Vulkan or Metal); models run on the CPU.' };
  }
  const backend = backendName(llama.gpu);
  const name = llama.deviceNames.length > 0 ? llama.deviceNames.join(', ') : `${backend} device`;
  return { gpu: { name, vramBytes: llama.vramBytes }, gpuNote: `llama.cpp uses ${backend} on this GPU${softwareNote ? ` (${softwareNote})` : ''}.` };
}

/** CPU and memory from the operating system; the GPU as llama.cpp sees it. */
export function readHardware(llama?: HostHardware | Error): Hardware {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim().replace(/\s+/g, ' ') || 'Unknown processor';
  return {
    cpu: { model, cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length },
    ramBytes: os.totalmem(),
    freeRamBytes: os.freemem(),
    ...gpuFrom(llama),
  };
}
