// `npm run bench [name…]`: each benchmark reports its tables (bench/report.ts), Atelier beside the raw library.
// `npm run bench -- --json [FILE] [name…]` also merges the results into FILE (default
// bench/results/latest.json) and, for the default file, regenerates bench/README.md's "Latest results".
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchImage, benchImageEdit } from './image.bench.js';
import { benchDiffusion } from './diffusion.bench.js';
import { benchImageUpscale } from './image-upscale.bench.js';
import { benchExport } from './export.bench.js';
import { benchExportVideo } from './export-video.bench.js';
import { benchSynth } from './synth.bench.js';
import { benchText } from './text.bench.js';
import { benchTranscribe } from './transcribe.bench.js';
import { benchVoice } from './voice.bench.js';
import { benchVoiceNeural } from './voice-neural.bench.js';
import { benchVoiceKokoro } from './voice-kokoro.bench.js';
import { benchWebHost } from './web-host.bench.js';
import { benchApi } from './api.bench.js';
import { benchCliStartup } from './cli-startup.bench.js';
import { machineEnvironment, stamped } from './environment.js';
import { takeReports } from './report.js';
import { writeResults, type BenchResult } from './results.js';
import { benchStudioScale } from './studio-scale.bench.js';

// Add a bench here: its name is what `npm run bench NAME` picks and what its report() calls say as `bench`.
const BENCHES: Record<string, () => Promise<void>> = {
  'web-host': benchWebHost,
  'cli-startup': benchCliStartup,
  api: benchApi,
  synth: benchSynth,
  'image-procedural': benchImage,
  'image-edit': benchImageEdit,
  diffusion: benchDiffusion,
  'image-upscale': benchImageUpscale,
  voice: benchVoice,
  'voice-neural': benchVoiceNeural,
  'voice-kokoro': benchVoiceKokoro,
  transcribe: benchTranscribe,
  text: benchText,
  'export-video': benchExportVideo,
  export: benchExport,
  'studio-scale': benchStudioScale,
};

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_FILE = path.join(HERE, 'results', 'latest.json');
const README = path.join(HERE, 'README.md');

/** `--json` takes the next word as its file unless that word names a bench; `--json=FILE` always does. */
function parseArgs(args: string[]): { names: string[]; json?: string } {
  const names: string[] = [];
  let json: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    if (arg.startsWith('--json=')) json = path.resolve(arg.slice('--json='.length));
    else if (arg === '--json') {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('--') && !(next in BENCHES)) {
        json = path.resolve(next);
        i += 1;
      } else json = DEFAULT_FILE;
    } else names.push(arg);
  }
  const unknown = names.filter((name) => !(name in BENCHES));
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; the benches are ${Object.keys(BENCHES).join(', ')}`);
  return { names, ...(json ? { json } : {}) };
}

const { names, json } = parseArgs(process.argv.slice(2));
const base = await machineEnvironment();
console.log(
  `bench: ${base.machine.cpu}, ${base.machine.cores} cores, ${base.machine.memoryGiB} GiB, node ${base.node}, commit ${base.commit}${base.uncommitted ? ' + uncommitted changes' : ''}`,
);
const fresh: BenchResult[] = [];
for (const [name, run] of Object.entries(BENCHES)) {
  if (names.length > 0 && !names.includes(name)) continue;
  const load1 = os.loadavg()[0] ?? 0;
  try {
    await run();
  } catch (error) {
    // The other benches still run and what they measured is still written; the exit status says one failed.
    console.error(`bench ${name} failed:`, error);
    process.exitCode = 1;
    takeReports();
    continue;
  }
  // One bench function may report for another name (image.bench.ts holds two): group by the table's own.
  const tables = takeReports();
  if (tables.length === 0) console.error(`bench ${name}: reported no tables (use report() from bench/report.ts)`);
  for (const table of tables) {
    const entry = fresh.find((r) => r.bench === table.bench) ?? fresh[fresh.push({ bench: table.bench, environment: stamped(base, load1), tables: [] }) - 1];
    entry?.tables.push(table);
  }
}
if (json) {
  const readme = json === DEFAULT_FILE ? README : undefined;
  await writeResults({ file: json, ...(readme ? { readme } : {}), fresh, order: Object.keys(BENCHES) });
  console.log(`bench: wrote ${fresh.map((r) => r.bench).join(', ')} into ${path.relative(process.cwd(), json)}${readme ? ' and bench/README.md' : ''}`);
}
