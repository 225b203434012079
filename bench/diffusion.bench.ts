// `npm run bench diffusion`: the diffusion engine (host process, tokenizer, scheduler, previews,
// PNG encoding) beside raw onnxruntime-node running the same fixture graphs in this process.
import fs from 'node:fs';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { diffusionEngine, diffusionHostPid, stopDiffusionHost, type DiffusionRequest } from '../main/engines/image/diffusion/diffusion-engine.js';
import { ensureFixtures } from '../models/fixtures/ensure-fixtures.js';
import { RATIO, benchRuns, report, type Row as ReportRow } from './report.js';

const RUNS = benchRuns(3);

interface Row {
  what: string;
  stepMs: number;
  totalMs: number;
  rssMb: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Resident memory of another process (Linux); NaN elsewhere. */
function rssOf(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

interface Timed {
  stepMs: number[];
  totalMs: number;
}

/** One engine run (host process, scheduler, previews on as in the studio, PNG, IPC). */
function atelier(model: string, config: Omit<DiffusionRequest, 'modelDir' | 'prompt' | 'negativePrompt' | 'seed' | 'count'>): () => Promise<Timed> {
  const request: DiffusionRequest = { modelDir: model, prompt: 'a red lighthouse at night', negativePrompt: 'blurry', seed: 1, count: 1, ...config };
  const signal = new AbortController().signal;
  return async () => {
    const result = await diffusionEngine.generate(request, signal, () => undefined);
    return { stepMs: result.stepMs ?? [], totalMs: result.timeMs };
  };
}

/** The same graphs with plain InferenceSession.run: text encoder, the UNet `steps` times, the VAE decoder. */
async function raw(model: string, width: number, height: number, steps: number, guided: boolean) {
  const open = (part: string) => ort.InferenceSession.create(path.join(model, part, 'model.onnx'));
  const [te, unet, vae] = await Promise.all([open('text_encoder'), open('unet'), open('vae_decoder')]);
  const batch = guided ? 2 : 1;
  const latent = new Float32Array(batch * 4 * (height / 8) * (width / 8)).map((_, i) => Math.sin(i));
  const once = async (): Promise<Timed> => {
    const started = performance.now();
    const ids = new ort.Tensor('int32', new Int32Array(batch * 77).fill(7), [batch, 77]);
    const hidden = (await te.run({ input_ids: ids })).last_hidden_state as ort.Tensor;
    const stepMs: number[] = [];
    let sample: Float32Array = latent;
    for (let s = 0; s < steps; s += 1) {
      const began = performance.now();
      const out = await unet.run({
        sample: new ort.Tensor('float32', sample, [batch, 4, height / 8, width / 8]),
        timestep: new ort.Tensor('int64', BigInt64Array.from([BigInt(999 - s * 100)]), [1]),
        encoder_hidden_states: hidden,
      });
      sample = (out.out_sample as ort.Tensor).data as Float32Array;
      stepMs.push(performance.now() - began);
    }
    await vae.run({ latent_sample: new ort.Tensor('float32', sample.slice(0, 4 * (height / 8) * (width / 8)), [1, 4, height / 8, width / 8]) });
    return { stepMs, totalMs: performance.now() - started };
  };
  return { once, release: () => Promise.all([te.release(), unet.release(), vae.release()]) };
}

/**
 * Atelier and raw take turns, run by run, so both see the same machine: on a shared computer
 * the load moves more between two back-to-back batches than between two neighbouring runs.
 */
async function sideBySide(ours: () => Promise<Timed>, theirs: () => Promise<Timed>, rssBefore: number): Promise<{ ours: Row; theirs: Row }> {
  await ours(); // host start and model load
  await theirs();
  const collected = { ours: { steps: [] as number[], totals: [] as number[] }, theirs: { steps: [] as number[], totals: [] as number[] } };
  for (let i = 0; i < RUNS; i += 1) {
    for (const [which, run] of i % 2 === 0
      ? ([
          ['ours', ours],
          ['theirs', theirs],
        ] as const)
      : ([
          ['theirs', theirs],
          ['ours', ours],
        ] as const)) {
      const timed = await run();
      collected[which].steps.push(...timed.stepMs);
      collected[which].totals.push(timed.totalMs);
    }
  }
  const row = (c: { steps: number[]; totals: number[] }, rssMb: number): Row => ({ what: '', stepMs: median(c.steps), totalMs: median(c.totals), rssMb });
  return { ours: row(collected.ours, rssOf(diffusionHostPid())), theirs: row(collected.theirs, mb(process.memoryUsage().rss - rssBefore)) };
}

export async function benchDiffusion(): Promise<void> {
  const model = (await ensureFixtures({ only: ['tiny-diffusion'] }))['tiny-diffusion'] as string;
  const configs = [
    { name: '512² euler-a, 4 steps, no guidance', width: 512, height: 512, steps: 4, guidance: 0, scheduler: 'euler-a' as const },
    { name: '512² euler, 20 steps, guidance 7.5', width: 512, height: 512, steps: 20, guidance: 7.5, scheduler: 'euler' as const },
    { name: '1024² ddim, 10 steps, guidance 7.5', width: 1024, height: 1024, steps: 10, guidance: 7.5, scheduler: 'ddim' as const },
  ];
  const rows: ReportRow[] = [];
  for (const config of configs) {
    const { name, ...settings } = config;
    const rssBefore = process.memoryUsage().rss;
    const baseline = await raw(model, config.width, config.height, config.steps, config.guidance > 1);
    const { ours, theirs } = await sideBySide(atelier(model, settings), baseline.once, rssBefore);
    await baseline.release();
    rows.push({
      label: name,
      atelier: ours.stepMs,
      raw: theirs.stepMs,
      overhead: ours.stepMs - theirs.stepMs,
      atelierTotal: ours.totalMs,
      rawTotal: theirs.totalMs,
      atelierRss: Number.isNaN(ours.rssMb) ? null : ours.rssMb,
      rawRss: theirs.rssMb,
    });
  }
  await stopDiffusionHost();
  report({
    bench: 'diffusion',
    title: `tiny fixture (models/fixtures/out/tiny-diffusion), CPU, median of ${RUNS} runs after a warm-up`,
    note:
      'Atelier = the diffusion engine in its host process, previews on as in the studio; raw = InferenceSession.run on the same graphs in this process; the two take turns run by run. ' +
      "The engine's step includes the scheduler math in JS and classifier-free guidance mixing; previews (every 250 ms) encode beside the steps, so they show only as the CPU they share. " +
      "The total adds tokenizing, PNG encoding and the IPC round trip. Raw runs the same UNet without a scheduler. Atelier's RSS is the host process's; raw's is this process's growth.",
    label: 'fixture run',
    columns: [
      { key: 'atelier', name: 'Atelier', unit: 'ms/step', digits: 2 },
      { key: 'raw', name: 'raw', unit: 'ms/step', digits: 2 },
      RATIO,
      { key: 'overhead', name: 'Atelier − raw', unit: 'ms/step', digits: 2 },
      { key: 'atelierTotal', name: 'Atelier total', unit: 'ms', digits: 0 },
      { key: 'rawTotal', name: 'raw total', unit: 'ms', digits: 0 },
      { key: 'atelierRss', name: 'Atelier RSS', unit: 'MB', digits: 0 },
      { key: 'rawRss', name: 'raw RSS growth', unit: 'MB', digits: 0 },
    ],
    rows,
  });
}
