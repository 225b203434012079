import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import wavefile from 'wavefile';
import { encodeWav, joinFloatWithGaps, joinWithGaps, readPcm16 } from '../../main/platform/audio/wav.js';
import { codeDirOf, execArgvFor, locateWorkerEntry, startWorkerThread, unpackedPath } from '../../main/platform/worker-entry.js';

describe('worker entries are located one way', () => {
  test("codeDirOf takes a module's import.meta, its url, or nothing (the CommonJS bundle)", () => {
    // fileURLToPath, not URL.pathname: a checkout under "Mein Ordner ü" is percent-encoded in the URL.
    assert.equal(codeDirOf(import.meta), path.dirname(fileURLToPath(import.meta.url)));
    assert.equal(codeDirOf(pathToFileURL('/opt/atelier/dist/cli/atelier.mjs').href), '/opt/atelier/dist/cli');
    // In the CommonJS Electron bundle import.meta is {}: the bundle's __dirname, or the working folder under plain ESM.
    assert.equal(codeDirOf({}), typeof __dirname === 'string' ? __dirname : process.cwd());
    assert.equal(codeDirOf(undefined), codeDirOf({}));
  });

  test('from source the TypeScript beside the client; bundled, dist/workers unpacked from the asar', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-entry-'));
    try {
      const source = path.join(root, 'src');
      await fs.mkdir(source);
      await fs.writeFile(path.join(source, 'host.ts'), '');
      assert.deepEqual(locateWorkerEntry(source, 'host.ts', 'host.mjs'), { file: path.join(source, 'host.ts'), fromSource: true });

      const bundle = path.join(root, 'Atelier', 'resources', 'app.asar', 'dist', 'electron');
      const entry = locateWorkerEntry(bundle, 'host.ts', 'host.mjs');
      assert.deepEqual(entry, { file: path.join(root, 'Atelier', 'resources', 'app.asar.unpacked', 'dist', 'workers', 'host.mjs'), fromSource: false });
      assert.deepEqual(execArgvFor(entry), []);
      assert.deepEqual(execArgvFor({ file: 'x.ts', fromSource: true }), ['--import', 'tsx']);
      assert.equal(unpackedPath(path.join('/a', 'app.asar.unpacked', 'b')), path.join('/a', 'app.asar.unpacked', 'b'), 'already unpacked stays as it is');
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  test('ATELIER_WORKERS=built takes the checkout’s built worker from source, where there is one; otherwise the source', async () => {
    const built = fileURLToPath(new URL('../../dist/workers/llama-host.mjs', import.meta.url));
    const source = fileURLToPath(new URL('../../main/engines/text/', import.meta.url));
    const before = process.env.ATELIER_WORKERS;
    try {
      process.env.ATELIER_WORKERS = 'built';
      assert.ok(existsSync(built), 'the test runner builds dist/ first');
      assert.deepEqual(locateWorkerEntry(source, 'llama-host.ts', 'llama-host.mjs'), { file: built, fromSource: false });
      // No such bundle (a worker added since the last build would be one): its source.
      assert.deepEqual(locateWorkerEntry(source, 'llama-host.ts', 'no-such-host.mjs'), { file: path.join(source, 'llama-host.ts'), fromSource: true });
      process.env.ATELIER_WORKERS = 'source';
      assert.deepEqual(locateWorkerEntry(source, 'llama-host.ts', 'llama-host.mjs'), { file: path.join(source, 'llama-host.ts'), fromSource: true });
    } finally {
      if (before === undefined) delete process.env.ATELIER_WORKERS;
      else process.env.ATELIER_WORKERS = before;
    }
  });

  test('a TypeScript worker thread starts from source through the tsx bootstrap', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-thread-'));
    try {
      // An ES module, as this project's workers are.
      await fs.writeFile(path.join(root, 'package.json'), '{ "type": "module" }');
      await fs.writeFile(
        path.join(root, 'echo.ts'),
        "import { parentPort, workerData } from 'node:worker_threads';\nconst n: number = (workerData as { n: number }).n;\nparentPort?.postMessage(n * 2);\n",
      );
      const worker = startWorkerThread(locateWorkerEntry(root, 'echo.ts', 'echo.mjs'), { workerData: { n: 21 } });
      const answer = await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      assert.equal(answer, 42);
      await worker.terminate();
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});

describe('PCM joins and WAV bytes live in platform/audio', () => {
  test('16-bit and float parts join with silent gaps between them, none at the ends', () => {
    assert.deepEqual([...joinWithGaps([Int16Array.of(1, 2), Int16Array.of(3)], 2)], [1, 2, 0, 0, 3]);
    assert.deepEqual([...joinFloatWithGaps([Float32Array.of(0.5), Float32Array.of(-0.5), Float32Array.of(0.25)], 1)], [0.5, 0, -0.5, 0, 0.25]);
    assert.equal(joinWithGaps([], 5).length, 0);
    assert.ok(joinFloatWithGaps([Float32Array.of(1)], 3) instanceof Float32Array);
  });

  test('16-bit samples survive encodeWav and readPcm16 exactly', () => {
    const samples = Int16Array.of(0, 32767, -32768, 1234, -1);
    const read = readPcm16(encodeWav(samples, 22_050));
    assert.equal(read.sampleRate, 22_050);
    assert.deepEqual([...read.samples], [...samples]);
  });

  test('encodeWav writes the bytes wavefile writes; readPcm16 reads its files, a chunk before the data included', () => {
    for (const length of [0, 1, 7, 50_001]) {
      const samples = Int16Array.from({ length }, (_, i) => ((i * 7919) % 65_536) - 32_768);
      const reference = new wavefile.WaveFile();
      reference.fromScratch(1, 16_000, '16', samples);
      const bytes = reference.toBuffer();
      assert.deepEqual(Buffer.from(encodeWav(samples, 16_000)), Buffer.from(bytes), `${length} samples`);
      assert.deepEqual([...readPcm16(bytes).samples], [...samples]);
    }
    // A LIST chunk between fmt and data, as some writers add: skipped by its size.
    const plain = encodeWav(Int16Array.of(5, -5), 22_050);
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('INFO')]);
    const withList = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    withList.writeUInt32LE(withList.length - 8, 4);
    assert.deepEqual([...readPcm16(withList).samples], [5, -5]);
    assert.equal(readPcm16(withList).sampleRate, 22_050);
  });

  test('readPcm16 refuses what is not 16-bit PCM WAV with INVALID_INPUT', () => {
    const float = new wavefile.WaveFile();
    float.fromScratch(1, 8000, '32f', [0.5, -0.5]);
    for (const bad of [Buffer.from('not a wav at all'), float.toBuffer(), encodeWav(Int16Array.of(1), 8000).subarray(0, 36)]) {
      assert.throws(() => readPcm16(bad), { code: 'INVALID_INPUT' });
    }
  });
});
