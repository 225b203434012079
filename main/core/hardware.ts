import os from 'node:os';
import type { Hardware } from '../../preload/schemas/hardware.js';

export { fitVerdict, FITS_SHARE, TIGHT_SHARE, type FitVerdict } from '../../preload/schemas/hardware.js';

export const GPU_NOTE = 'GPU detection arrives with the text engine (node-llama-cpp).';

/** CPU and memory from the operating system. The GPU is not guessed at: no runtime here can see it yet. */
export function readHardware(): Hardware {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim().replace(/\s+/g, ' ') || 'Unknown processor';
  return {
    cpu: { model, cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length },
    ramBytes: os.totalmem(),
    freeRamBytes: os.freemem(),
    gpu: null,
    gpuNote: GPU_NOTE,
  };
}
