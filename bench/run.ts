// `npm run bench [name]`: each benchmark prints a table, Atelier beside the raw library.
import { benchImage, benchImageEdit } from './image.bench.js';
import { benchDiffusion } from './diffusion.bench.js';
import { benchExport } from './export.bench.js';
import { benchExportVideo } from './export-video.bench.js';
import { benchSynth } from './synth.bench.js';
import { benchText } from './text.bench.js';
import { benchVoice } from './voice.bench.js';
import { benchVoiceNeural } from './voice-neural.bench.js';
import { benchWebHost } from './web-host.bench.js';
import { benchApi } from './api.bench.js';
import { benchStudioScale } from './studio-scale.bench.js';

const BENCHES: Record<string, () => Promise<void>> = {
  'web-host': benchWebHost,
  api: benchApi,
  synth: benchSynth,
  'image-procedural': benchImage,
  'image-edit': benchImageEdit,
  diffusion: benchDiffusion,
  voice: benchVoice,
  'voice-neural': benchVoiceNeural,
  text: benchText,
  'export-video': benchExportVideo,
  export: benchExport,
  'studio-scale': benchStudioScale,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(BENCHES)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
