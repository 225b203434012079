import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineProcess, type EngineEntry } from '../../../core/engine-host/engine-process.js';
import type { Logger } from '../../../core/log.js';
import type { PiperHostAudio, PiperHostLoaded, PiperHostLoadParams, PiperHostSynthesizeParams } from './piper-host-api.js';

/** This module's folder: import.meta in ESM (source, CLI bundle), __dirname in the CommonJS Electron bundle. */
function codeDir(): string {
  const url = (import.meta as { url?: string }).url;
  if (typeof url === 'string' && url.startsWith('file:')) return path.dirname(fileURLToPath(url));
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

/** The host's entry: beside this file from source, or dist/workers/piper-host.mjs next to the bundles. */
export function locatePiperHost(from = codeDir()): EngineEntry {
  const source = path.join(from, 'piper-host.ts');
  if (fs.existsSync(source)) return { file: source, fromSource: true };
  const bundled = path.join(from, '..', 'workers', 'piper-host.mjs').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
  return { file: bundled, fromSource: false };
}

/** Main's handle on the Piper host process: typed methods over engine-process.ts. */
export class PiperClient {
  private readonly process: EngineProcess;

  constructor(log: Logger) {
    this.process = new EngineProcess({ label: 'The Piper voice engine', entry: () => locatePiperHost(), log, startTimeoutMs: 30_000 });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  load(params: PiperHostLoadParams, signal?: AbortSignal): Promise<PiperHostLoaded> {
    return this.process.request<PiperHostLoaded>('load', params, { signal });
  }

  synthesize(params: PiperHostSynthesizeParams, signal: AbortSignal): Promise<PiperHostAudio> {
    return this.process.request<PiperHostAudio>('synthesize', params, { signal });
  }

  async unload(): Promise<void> {
    if (this.process.running) await this.process.request('unload', {});
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
