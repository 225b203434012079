// The espeak-ng WebAssembly build in a long-lived worker thread of the pool
// (espeak-pool.ts), so synthesis never blocks the main thread and no job pays for a
// worker's start. Jobs come one at a time; each espeak-ng run uses a fresh instance made
// ahead in idle time (espeak-instance.ts). Messages: see espeak-protocol.ts.
import { parentPort } from 'node:worker_threads';
import { readPcm16 } from '../../../platform/audio/wav.js';
import { espeak, prepareSpare } from './espeak-instance.js';
import type { EspeakJob, EspeakJobReply, EspeakJobRequest, EspeakWorkerMessage } from './espeak-protocol.js';
import { parseVariantTable, parseVoiceAliases, parseVoiceTable } from './espeak-voices.js';
import { IPA_MARKERS, markedClauses, unmarkClauses } from './ipa-clauses.js';

type Post = (message: EspeakWorkerMessage, transfer?: ArrayBuffer[]) => void;

const noVoice = (err: readonly string[]) => err.some((line) => /voice does not exist/i.test(line));

/** IPA per clause in one espeak run (a run per clause would cost an instance each). */
async function phonemes(post: Post, voice: string, clauses: string[]): Promise<void> {
  for (const marker of IPA_MARKERS) {
    const run = await espeak(['-q', '--ipa', '-v', voice, '-f', '/in.txt'], markedClauses(clauses, marker));
    if (run.out.length === 0 && noVoice(run.err)) {
      post({ type: 'error', code: 'NOT_FOUND', message: `espeak-ng has no voice '${voice}' to read this voice's phonemes with.` });
      return;
    }
    const ipa = unmarkClauses(run.out, clauses.length);
    if (ipa) {
      post({ type: 'phonemes', clauses: ipa });
      return;
    }
  }
  post({ type: 'error', code: 'ENGINE_CRASHED', message: 'espeak-ng phonemes could not be matched to the text.' });
}

async function voices(post: Post): Promise<void> {
  const table = (await espeak(['--voices'])).out;
  const variants = parseVariantTable((await espeak(['--voices=variant'])).out);
  post({ type: 'voices', voices: parseVoiceTable(table), variants, aliases: parseVoiceAliases(table) });
}

/** Each chunk is its own run and is posted as soon as it is made: progress moves and the caller holds the audio, not the worker. */
async function render(post: Post, job: Extract<EspeakJob, { op: 'render' }>): Promise<void> {
  for (const [index, chunk] of job.chunks.entries()) {
    const args = ['-v', job.voice, '-s', String(job.wpm), '-p', String(job.pitch), '-a', String(job.amplitude), '-w', '/out.wav', '-f', '/in.txt'];
    const run = await espeak(args, chunk);
    if (!run.fs.analyzePath('/out.wav').exists) {
      if (noVoice(run.err)) post({ type: 'error', code: 'NOT_FOUND', message: `espeak-ng has no voice '${job.voice}'.` });
      else post({ type: 'error', code: 'ENGINE_CRASHED', message: `espeak-ng wrote no audio: ${run.err.join(' ') || 'no reason given'}` });
      return;
    }
    const { samples, sampleRate } = readPcm16(run.fs.readFile('/out.wav'));
    post({ type: 'chunk', index, samples, sampleRate }, [samples.buffer as ArrayBuffer]);
  }
  post({ type: 'done' });
}

async function run(post: Post, job: EspeakJob): Promise<void> {
  if (job.op === 'warm') {
    await prepareSpare();
    post({ type: 'ready' });
  } else if (job.op === 'voices') await voices(post);
  else if (job.op === 'phonemes') await phonemes(post, job.voice, job.clauses);
  else await render(post, job);
}

const port = parentPort;
if (port) {
  let queue = Promise.resolve();
  port.on('message', ({ id, job }: EspeakJobRequest) => {
    const post: Post = (message, transfer = []) => port.postMessage({ id, message } satisfies EspeakJobReply, transfer);
    queue = queue
      .then(() => run(post, job))
      .catch((error: unknown) => {
        post({ type: 'error', code: 'ENGINE_CRASHED', message: `espeak-ng failed: ${error instanceof Error ? error.message : String(error)}` });
      })
      // The next job's instance is made while the worker would otherwise wait.
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => prepareSpare())
      .catch(() => undefined);
  });
}
