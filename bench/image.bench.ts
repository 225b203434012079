import os from 'node:os';
import sharp from 'sharp';
import { IMAGE_TEMPLATES } from '../preload/contract.js';
import { editImage } from '../main/engines/image/edit/image-edit.js';
import { proceduralEngine } from '../main/engines/image/procedural/procedural-engine.js';

const RUNS = 5;
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1024, height: 1024 },
] as const;
const PROMPT = 'midnight harbour, warm lights';
const TEXT = 'The Harbour at Midnight\nA story in five chapters';
const signal = new AbortController().signal;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
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
  console.log(
    `\nimage-procedural: ms per picture, median of ${RUNS} runs. "raw sharp" encodes the same final pixels to PNG; ` +
      `Atelier adds drawing them: the template, Pango type, grain and layers (${os.cpus().length} cores, node ${process.version}, sharp ${sharp.versions.sharp})\n`,
  );
  const rows: string[][] = [['template', 'size', 'Atelier (ms)', 'raw sharp (ms)', 'ratio']];
  for (const { width, height } of SIZES) {
    for (const template of IMAGE_TEMPLATES) {
      const engine = () => proceduralEngine.generate({ template, prompt: PROMPT, text: TEXT, width, height, seed: 1 }, signal, () => undefined);
      const raw = await rawPipeline((await engine()).png);
      await raw();
      const atelier: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        atelier.push(await timeMs(engine));
        baseline.push(await timeMs(raw));
      }
      const a = median(atelier);
      const b = median(baseline);
      rows.push([template, `${width}×${height}`, a.toFixed(0), b.toFixed(0), `${(a / b).toFixed(1)}×`]);
    }
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
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
  console.log(`\nimage-edit: ms per edit of a 1280×720 PNG, median of ${RUNS} runs; raw = one fused sharp pipeline\n`);
  const rows: string[][] = [['edit', 'Atelier (ms)', 'raw sharp (ms)', 'ratio']];
  for (const c of cases) {
    await c.atelier();
    await c.raw();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      a.push(await timeMs(c.atelier));
      b.push(await timeMs(c.raw));
    }
    rows.push([c.name, median(a).toFixed(0), median(b).toFixed(0), `${(median(a) / median(b)).toFixed(1)}×`]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
}
