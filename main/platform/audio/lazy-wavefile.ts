import { createRequire } from 'node:module';
import path from 'node:path';
import type WavefileModule from 'wavefile';
import { codeDirOf } from '../code-dir.js';

type Wavefile = typeof WavefileModule;
export type WaveFile = InstanceType<Wavefile['WaveFile']>;
let loaded: Wavefile | undefined;

/**
 * A WAV file parsed by wavefile, which is required on first use: it is one minified script that
 * builds its codec tables as it loads, a cost `atelier serve` and the studio paid at every start
 * though only reading a recording or a clip needs it.
 */
export function readWaveFile(bytes: Uint8Array): WaveFile {
  loaded ??= createRequire(path.join(codeDirOf(import.meta), 'noop.js'))('wavefile') as Wavefile;
  return new loaded.WaveFile(bytes);
}
