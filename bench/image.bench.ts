import sharp from 'sharp';
import { IMAGE_TEMPLATES } from '../preload/contract.js';
import { editImage } from '../main/engines/image/edit/image-edit.js';
import { proceduralEngine } from '../main/engines/image/procedural/procedural-engine.js';
import { benchRuns, median, RATIO, report, type Row } from './report.js';

const RUNS = benchRuns(5);
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 1024 },
] as const;
const PROMPT = 'midnight harbour, warm lights';
const TEXT = 'The Harbour at Midnight\nA story in five chapters';
const signal = new AbortController().signal;

async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Wall and CPU milliseconds of one run. CPU time (this process, libvips' threads included) barely moves with the machine's load, so its ratio holds where wall time does not. */
async function timeAndCpu(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpuBefore = process.cpuUsage();
  const wall = await timeMs(run);
  const { user, system } = process.cpuUsage(cpuBefore);
  return { wall, cpu: (user + system) / 1000 };
}

/**
 * The raw baseline: sharp encoding the very pixels Atelier's picture ends with, straight to
 * PNG at the same compression. What Atelier adds beyond it is the drawing: the template, type,
 * grain and layers (issue 15 asks that drawing cost at most twice the encoding).
 */
async function rawPipeline(png: Uint8Array): Promise<() => Promise<unknown>> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return () =>
    sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .png({ compressionLevel: 6 })
      .toBuffer();
}

export async function benchImage(): Promise<void> {
  const rows: Row[] = [];
  for (const { width, height } of SIZES) {
    for (const template of IMAGE_TEMPLATES) {
      const engine = () => proceduralEngine.generate({ template, prompt: PROMPT, text: TEXT, width, height, seed: 1 }, signal, () => undefined);
      const raw = await rawPipeline((await engine()).png);
      await raw();
      const atelier: { wall: number; cpu: number }[] = [];
      const baseline: { wall: number; cpu: number }[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        atelier.push(await timeAndCpu(engine));
        baseline.push(await timeAndCpu(raw));
      }
      const atelierCpu = median(atelier.map((t) => t.cpu));
      const rawCpu = median(baseline.map((t) => t.cpu));
      rows.push({
        label: template,
        size: `${width}×${height}`,
        atelier: median(atelier.map((t) => t.wall)),
        raw: median(baseline.map((t) => t.wall)),
        atelierCpu,
        rawCpu,
        cpuRatio: atelierCpu / rawCpu,
      });
    }
  }
  report({
    bench: 'image-procedural',
    title: `ms per picture, median of ${RUNS} runs`,
    note: '"raw sharp" encodes the same final pixels to PNG; Atelier adds drawing them: the template, Pango type, grain and layers. CPU is user + system time of the process (libvips\' threads included): on a loaded machine its ratio is the one to read.',
    label: 'template',
    columns: [
      { key: 'size', name: 'size' },
      { key: 'atelier', name: 'Atelier', unit: 'ms', digits: 0 },
      { key: 'raw', name: 'raw sharp', unit: 'ms', digits: 0 },
      RATIO,
      { key: 'atelierCpu', name: 'Atelier CPU', unit: 'ms', digits: 0 },
      { key: 'rawCpu', name: 'raw sharp CPU', unit: 'ms', digits: 0 },
      { key: 'cpuRatio', name: 'CPU Atelier ÷ raw' },
    ],
    rows,
  });
}

/** Edit throughput: Atelier's op-by-op edit (raw pixels between ops) against one fused sharp pipeline. */
export async function benchImageEdit(): Promise<void> {
  const source = (
    await proceduralEngine.generate({ template: 'title-card', prompt: PROMPT, text: TEXT, width: 1280, height: 720, seed: 1 }, signal, () => undefined)
  ).png;
  const ops = [
    { op: 'crop', left: 280, top: 0, width: 720, height: 720 },
    { op: 'upscale', factor: 2 },
    { op: 'adjust', brightness: 1.1, contrast: 1.2, saturation: 0.9 },
  ] as const;
  const cases = [
    {
      name: 'crop + upscale 2× + adjust → WebP',
      atelier: () => editImage(source, ops, 'webp', 85),
      raw: () =>
        sharp(source)
          .extract({ left: 280, top: 0, width: 720, height: 720 })
          .resize(1440, 1440, { kernel: 'lanczos3' })
          .modulate({ brightness: 1.1, saturation: 0.9 })
          .linear(1.2, 128 * -0.2)
          .webp({ quality: 85 })
          .toBuffer(),
    },
    { name: 'convert to JPEG', atelier: () => editImage(source, [], 'jpeg', 85), raw: () => sharp(source).jpeg({ quality: 85, mozjpeg: true }).toBuffer() },
    { name: 'convert to AVIF', atelier: () => editImage(source, [], 'avif', 85), raw: () => sharp(source).avif({ quality: 51, effort: 2 }).toBuffer() },
  ];
  const rows: Row[] = [];
  for (const c of cases) {
    await c.atelier();
    await c.raw();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      a.push(await timeMs(c.atelier));
      b.push(await timeMs(c.raw));
    }
    rows.push({ label: c.name, atelier: median(a), raw: median(b) });
  }
  report({
    bench: 'image-edit',
    title: `ms per edit of a 1280×720 PNG, median of ${RUNS} runs`,
    note: 'raw = one fused sharp pipeline; Atelier runs the edit op by op with raw pixels between ops.',
    label: 'edit',
    columns: [{ key: 'atelier', name: 'Atelier', unit: 'ms', digits: 0 }, { key: 'raw', name: 'raw sharp', unit: 'ms', digits: 0 }, RATIO],
    rows,
  });
}
