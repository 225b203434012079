// `npm run bench [name]`: each benchmark prints a table, Atelier beside the raw library.
import { benchSynth } from './synth.bench.js';
import { benchText } from './text.bench.js';
import { benchVoice } from './voice.bench.js';
import { benchWebHost } from './web-host.bench.js';

const BENCHES: Record<string, () => Promise<void>> = {
  'web-host': benchWebHost,
  synth: benchSynth,
  voice: benchVoice,
  text: benchText,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
