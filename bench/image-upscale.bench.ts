// `npm run bench image-upscale`: model upscaling as Atelier runs it (host process, tiles with
// overlap, blending, Lanczos-free ×4, PNG) beside raw onnxruntime-node running the same tiles.
import fs from 'node:fs';
import ort from 'onnxruntime-node';
import sharp from 'sharp';
import { diffusionHostPid, stopDiffusionHost } from '../main/engines/image/diffusion/diffusion-engine.js';
import { DEFAULT_TILING, upscaleWithNetwork } from '../main/engines/image/upscale/upscale-image.js';
import { upscalePicture } from '../main/engines/image/upscale/upscale-picture.js';
import { tileRows } from '../main/engines/image/upscale/upscale-tiles.js';
import { loadUpscaler, tileRunner } from '../main/engines/image/upscale/upscaler-model.js';
import { proceduralEngine } from '../main/engines/image/procedural/procedural-engine.js';
import { ensureFixtures } from '../models/fixtures/ensure-fixtures.js';
import { RATIO, benchRuns, report, type Row } from './report.js';

const RUNS = benchRuns(3);
const SIZES = [
  { width: 320, height: 180 },
  { width: 640, height: 360 },
] as const;
const signal = new AbortController().signal;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Resident memory of another process (Linux); NaN elsewhere. */
function rssOf(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid ?? 0}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** The same tiles Atelier cuts, as input tensors made before the clock starts: only session.run is timed. */
async function rawTiles(session: ort.InferenceSession, png: Uint8Array): Promise<() => Promise<unknown>> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const feeds = tileRows(info.width, info.height, DEFAULT_TILING.tile, DEFAULT_TILING.overlap)
    .flat()
    .map((tile) => {
      const plane = tile.width * tile.height;
      const rgb = new Float32Array(plane * 3);
      for (let y = 0; y < tile.height; y += 1)
        for (let x = 0; x < tile.width; x += 1)
          for (let c = 0; c < 3; c += 1) rgb[c * plane + y * tile.width + x] = (data[((tile.y + y) * info.width + tile.x + x) * 3 + c] as number) / 255;
      return { input: new ort.Tensor('float32', rgb, [1, 3, tile.height, tile.width]) };
    });
  return async () => {
    for (const feed of feeds) await session.run(feed);
  };
}

export async function benchImageUpscale(): Promise<void> {
  const modelFile = (await ensureFixtures({ only: ['tiny-upscaler-x4'] }))['tiny-upscaler-x4'] as string;
  const inProcess = await loadUpscaler(modelFile);
  const session = await ort.InferenceSession.create(modelFile);
  const rows: Row[] = [];
  try {
    for (const { width, height } of SIZES) {
      const png = (await proceduralEngine.generate({ template: 'pattern', prompt: 'neon', width, height, seed: 1 }, signal, () => undefined)).png;
      const host = () => upscalePicture({ input: png, scale: 4, modelFile }, signal, () => undefined);
      const local = () => upscaleWithNetwork(png, 4, tileRunner(inProcess), DEFAULT_TILING, signal);
      const raw = await rawTiles(session, png);
      await host(); // host start and model load
      await local();
      await raw();
      const times = { host: [] as number[], local: [] as number[], raw: [] as number[] };
      for (let i = 0; i < RUNS; i += 1) {
        times.host.push(await timeMs(host));
        times.local.push(await timeMs(local));
        times.raw.push(await timeMs(raw));
      }
      const tiles = tileRows(width, height, DEFAULT_TILING.tile, DEFAULT_TILING.overlap).flat().length;
      const out = `${width * 4}×${height * 4}`;
      rows.push({
        label: `${width}×${height} → ${out}, engine (host, PNG)`,
        tiles,
        atelier: median(times.host),
        raw: median(times.raw),
        hostRssMb: rssOf(diffusionHostPid()),
      });
      rows.push({ label: `${width}×${height} → ${out}, tiling in process`, tiles, atelier: median(times.local), raw: median(times.raw), hostRssMb: null });
    }
  } finally {
    await stopDiffusionHost();
    await inProcess.session.release();
    await session.release();
  }
  report({
    bench: 'image-upscale',
    title: `ms per ×4 upscale on the tiny-upscaler-x4 fixture, tiles ${DEFAULT_TILING.tile} px with ${DEFAULT_TILING.overlap} px overlap, median of ${RUNS} runs`,
    note: '"raw" is InferenceSession.run on the same tiles, made before timing; the engine adds decoding, cutting tiles into tensors, blending the overlaps, PNG encoding and, through the host, the IPC of the picture both ways. The fixture graph is tiny, so the network\'s share is far smaller here than with Real-ESRGAN.',
    label: 'picture',
    columns: [
      { key: 'tiles', name: 'tiles', digits: 0 },
      { key: 'atelier', name: 'Atelier', unit: 'ms', digits: 0 },
      { key: 'raw', name: 'raw session.run', unit: 'ms', digits: 0 },
      RATIO,
      { key: 'hostRssMb', name: 'host RSS', unit: 'MiB', digits: 0 },
    ],
    rows,
  });
}
