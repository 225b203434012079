import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineProcess, type EngineEntry } from '../../../core/engine-host/engine-process.js';
import type { Logger } from '../../../core/log.js';
import type { DiffusionHostEvent, DiffusionHostRequest, DiffusionHostResult } from './diffusion-host-api.js';

/** This module's folder: import.meta in ESM (source, CLI bundle), __dirname in the CommonJS Electron bundle. */
function codeDir(): string {
  const url = (import.meta as { url?: string }).url;
  if (typeof url === 'string' && url.startsWith('file:')) return path.dirname(fileURLToPath(url));
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

/** The host's entry: beside this file from source, or dist/workers/diffusion-host.mjs next to the bundles. */
export function locateDiffusionHost(from = codeDir()): EngineEntry {
  const source = path.join(from, 'diffusion-host.ts');
  if (fs.existsSync(source)) return { file: source, fromSource: true };
  const bundled = path.join(from, '..', 'workers', 'diffusion-host.mjs').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  return { file: bundled, fromSource: false };
}

function isHostEvent(event: unknown): event is DiffusionHostEvent {
  const kind = typeof event === 'object' && event !== null ? (event as { kind?: unknown }).kind : undefined;
  return kind === 'loaded' || kind === 'step';
}

/** Main's handle on the diffusion host: typed methods over engine-process.ts. */
export class DiffusionClient {
  private readonly process: EngineProcess;

  constructor(log: Logger) {
    this.process = new EngineProcess({ label: 'The diffusion engine', entry: () => locateDiffusionHost(), log, startTimeoutMs: 60_000, cancelGraceMs: 60_000 });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  generate(request: DiffusionHostRequest, signal: AbortSignal, onEvent: (event: DiffusionHostEvent) => void): Promise<DiffusionHostResult> {
    return this.process.request<DiffusionHostResult>('generate', request, {
      signal,
      onEvent: (event) => {
        if (isHostEvent(event)) onEvent(event);
      },
    });
  }

  async unload(): Promise<void> {
    if (this.process.running) await this.process.request('unload', {});
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
