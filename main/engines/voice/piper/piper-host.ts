/**
 * The Piper voice engine's host process: onnxruntime-node runs the voice's VITS graph
 * here, never in main (DESIGN.md, Engine hosts), so a damaged model or an out-of-memory
 * fails one job and the app lives on. Main sends phoneme ids sentence by sentence
 * (piper-client.ts); phonemes come from espeak-ng in main's worker thread.
 */
import { CpuSessionSlot } from '../cpu-session-slot.js';
import * as ort from 'onnxruntime-node';
import { AtelierError } from '../../../../preload/errors.js';
import { serveEngine } from '../../../platform/engine-host/serve-engine.js';
import {
  PIPER_INPUTS,
  PIPER_PROTOCOL,
  PIPER_SPEAKER_INPUT,
  type PiperHostAudio,
  type PiperHostLoaded,
  type PiperHostLoadParams,
  type PiperHostSynthesizeParams,
} from './piper-host-api.js';

const slot = new CpuSessionSlot<PiperHostLoaded>({ missing: 'There is no voice file at' });

function unload(): Promise<void> {
  return slot.release();
}

function load(params: PiperHostLoadParams): Promise<PiperHostLoaded> {
  return slot.open(params, (session) => {
    const missing = PIPER_INPUTS.filter((name) => !session.inputNames.includes(name));
    if (missing.length > 0 || session.outputNames.length === 0) {
      throw new AtelierError(
        'MODEL_INVALID',
        `${params.label} is an ONNX graph but not a Piper voice: it lacks the input${missing.length > 1 ? 's' : ''} ${missing.join(', ') || 'output'}.`,
      );
    }
    return { inputs: [...session.inputNames], outputs: [...session.outputNames], hasSpeakerInput: session.inputNames.includes(PIPER_SPEAKER_INPUT) };
  });
}

async function synthesize(params: PiperHostSynthesizeParams, signal: AbortSignal): Promise<PiperHostAudio> {
  const current = slot.current(params.path);
  if (!current) throw new AtelierError('ENGINE_UNAVAILABLE', 'That voice is not loaded.');
  if (params.ids.length === 0) return new Float32Array(0);
  const feeds: Record<string, ort.Tensor> = {
    input: new ort.Tensor(
      'int64',
      BigInt64Array.from(params.ids, (id) => BigInt(id)),
      [1, params.ids.length],
    ),
    input_lengths: new ort.Tensor('int64', BigInt64Array.of(BigInt(params.ids.length)), [1]),
    scales: new ort.Tensor('float32', Float32Array.from(params.scales), [3]),
  };
  if (current.info.hasSpeakerInput) feeds[PIPER_SPEAKER_INPUT] = new ort.Tensor('int64', BigInt64Array.of(BigInt(params.speaker ?? 0)), [1]);
  let results: ort.InferenceSession.OnnxValueMapType;
  try {
    results = await current.session.run(feeds);
  } catch (error) {
    throw new AtelierError('MODEL_INVALID', `The voice failed while speaking: ${(error as Error).message.split('\n')[0]}`);
  }
  // onnxruntime cannot stop inside a run; a cancel that came meanwhile is honoured here.
  if (signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
  const output = results[current.info.outputs[0] as string];
  if (!output || output.type !== 'float32') throw new AtelierError('MODEL_INVALID', 'The voice answered with no float audio.');
  return output.data as Float32Array;
}

serveEngine(PIPER_PROTOCOL, {
  load,
  synthesize: (params, { signal }) => synthesize(params, signal),
  unload: async () => {
    await unload();
    return null;
  },
});
