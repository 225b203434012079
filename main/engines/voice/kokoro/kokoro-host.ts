/**
 * The Kokoro voice engine's host process: onnxruntime-node runs Kokoro's graph here,
 * never in main (DESIGN.md, Engine hosts), so a damaged model or an out-of-memory fails
 * one job and the app lives on. Main sends each chunk's ids with its style row and speed
 * (kokoro-client.ts); phonemes come from espeak-ng in main's worker thread.
 */
import { CpuSessionSlot } from '../cpu-session-slot.js';
import * as ort from 'onnxruntime-node';
import { AtelierError } from '../../../../preload/errors.js';
import { serveEngine } from '../../../platform/engine-host/serve-engine.js';
import { KOKORO_INPUTS, KOKORO_OUTPUT, KOKORO_STYLE_DIM } from '../../../platform/formats/kokoro-folder.js';
import { KOKORO_PROTOCOL, type KokoroHostAudio, type KokoroHostLoaded, type KokoroHostLoadParams, type KokoroHostSynthesizeParams } from './kokoro-host-api.js';

const slot = new CpuSessionSlot<KokoroHostLoaded>({ missing: 'There is no Kokoro graph at' });

function unload(): Promise<void> {
  return slot.release();
}

function load(params: KokoroHostLoadParams): Promise<KokoroHostLoaded> {
  return slot.open(params, (session) => {
    const missing = KOKORO_INPUTS.filter((name) => !session.inputNames.includes(name));
    if (missing.length > 0 || !session.outputNames.includes(KOKORO_OUTPUT)) {
      const lacks = missing.length > 0 ? `the input${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` : `a "${KOKORO_OUTPUT}" output`;
      throw new AtelierError('MODEL_INVALID', `${params.label} is an ONNX graph but not Kokoro: it lacks ${lacks}.`);
    }
    return { inputs: [...session.inputNames], outputs: [...session.outputNames] };
  });
}

async function synthesize(params: KokoroHostSynthesizeParams, signal: AbortSignal): Promise<KokoroHostAudio> {
  // A host started afresh mid-job has nothing loaded: it loads the graph main names.
  if (!slot.current(params.path)) await load(params);
  const current = slot.current(params.path);
  if (!current) throw new AtelierError('ENGINE_UNAVAILABLE', 'That Kokoro model is not loaded.');
  const feeds: Record<string, ort.Tensor> = {
    input_ids: new ort.Tensor(
      'int64',
      BigInt64Array.from(params.ids, (id) => BigInt(id)),
      [1, params.ids.length],
    ),
    style: new ort.Tensor('float32', params.style, [1, KOKORO_STYLE_DIM]),
    speed: new ort.Tensor('float32', Float32Array.of(params.speed), [1]),
  };
  let results: ort.InferenceSession.OnnxValueMapType;
  try {
    results = await current.session.run(feeds, [KOKORO_OUTPUT]);
  } catch (error) {
    throw new AtelierError('MODEL_INVALID', `The Kokoro model failed while speaking: ${(error as Error).message.split('\n')[0]}`);
  }
  // onnxruntime cannot stop inside a run; a cancel that came meanwhile is honoured here.
  if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
  const output = results[KOKORO_OUTPUT];
  if (!output || output.type !== 'float32') throw new AtelierError('MODEL_INVALID', 'The Kokoro model answered with no float audio.');
  return output.data as Float32Array;
}

serveEngine(KOKORO_PROTOCOL, {
  load,
  synthesize: (params, { signal }) => synthesize(params, signal),
  unload: async () => {
    await unload();
    return null;
  },
});
