import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readGgufHeader } from '../../main/platform/formats/gguf-header.js';
import { ensureFixtures, FIXTURE_WRITERS } from '../../models/fixtures/ensure-fixtures.js';
import {
  TINY_LLAMA_CHAT_TEMPLATE,
  TINY_LLAMA_NAME,
  TINY_LLAMA_SENTENCE,
  TINY_LLAMA_SENTENCE_PIECES,
  TINY_LLAMA_SPECIAL,
  tinyLlamaGguf,
  writeTinyLlama,
} from '../../models/fixtures/tiny-llama.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

// The model is checked here without llama.cpp: its header is parsed, and a forward pass is
// computed by hand from its tensors (the block adds nothing, so the logits are
// output · rmsnorm(embedding of the last token)). Engine tests load it for real.

let dir: string | undefined;
before(async () => {
  dir = await makeTemp('atelier-tiny-llama-');
});
after(async () => {
  await removeTemp(dir);
});

type Value = string | number | bigint | boolean | Value[];
interface Parsed {
  version: number;
  metadata: Map<string, Value>;
  tensors: Map<string, { dims: number[]; type: number; data: Float32Array }>;
}

/** A complete GGUF reader (metadata arrays included) for what the fixture writer emits. */
function parseGguf(bytes: Buffer): Parsed {
  let pos = 0;
  const u32 = () => ((pos += 4), bytes.readUInt32LE(pos - 4));
  const u64 = () => ((pos += 8), Number(bytes.readBigUInt64LE(pos - 8)));
  const str = () => {
    const n = u64();
    pos += n;
    return bytes.toString('utf8', pos - n, pos);
  };
  const value = (type: number): Value => {
    switch (type) {
      case 4:
        return u32();
      case 5:
        return ((pos += 4), bytes.readInt32LE(pos - 4));
      case 6:
        return ((pos += 4), bytes.readFloatLE(pos - 4));
      case 7:
        return ((pos += 1), bytes[pos - 1] !== 0);
      case 8:
        return str();
      case 9: {
        const itemType = u32();
        const count = u64();
        return Array.from({ length: count }, () => value(itemType));
      }
      case 10:
        return u64();
      default:
        throw new Error(`unexpected metadata type ${type}`);
    }
  };
  assert.equal(bytes.toString('latin1', 0, 4), 'GGUF');
  pos = 4;
  const version = u32();
  const tensorCount = u64();
  const kvCount = u64();
  const metadata = new Map<string, Value>();
  for (let i = 0; i < kvCount; i++) {
    const key = str();
    metadata.set(key, value(u32()));
  }
  const infos: Array<{ name: string; dims: number[]; type: number; offset: number }> = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = str();
    const nDims = u32();
    const dims = Array.from({ length: nDims }, u64);
    infos.push({ name, dims, type: u32(), offset: u64() });
  }
  const alignment = Number(metadata.get('general.alignment') ?? 32);
  const dataStart = Math.ceil(pos / alignment) * alignment;
  const tensors = new Map<string, { dims: number[]; type: number; data: Float32Array }>();
  for (const info of infos) {
    assert.equal(info.offset % alignment, 0, `${info.name} is aligned`);
    const count = info.dims.reduce((a, b) => a * b, 1);
    const start = dataStart + info.offset;
    assert.ok(start + count * 4 <= bytes.length, `${info.name} lies inside the file`);
    const copy = Buffer.from(bytes.subarray(start, start + count * 4));
    tensors.set(info.name, { dims: info.dims, type: info.type, data: new Float32Array(copy.buffer, copy.byteOffset, count) });
  }
  return { version, metadata, tensors };
}

describe('tiny llama fixture', () => {
  let file: string;
  let parsed: Parsed;

  before(async () => {
    file = path.join(dir as string, 'tiny-llama.gguf');
    await writeTinyLlama(file);
    parsed = parseGguf(await fs.readFile(file));
  });

  test('is a GGUF v3 llama model the app’s own header reader accepts', async () => {
    const header = await readGgufHeader(file);
    assert.equal(header.version, 3);
    assert.equal(header.architecture, 'llama');
    assert.equal(header.name, TINY_LLAMA_NAME);
    assert.equal(header.alignment, 32);
    assert.equal(header.tensorCount, 12);
    assert.equal(header.metadata['llama.block_count'], 1);
    assert.equal(header.metadata['llama.context_length'], 2048);
    assert.equal(header.metadata['tokenizer.ggml.model'], 'llama');
    assert.equal(header.metadata['tokenizer.chat_template'], TINY_LLAMA_CHAT_TEMPLATE);
    assert.equal(header.metadata['tokenizer.ggml.add_bos_token'], true);
  });

  test('has a SentencePiece vocabulary with the sentence words, byte fallback and ChatML tokens', () => {
    const tokens = parsed.metadata.get('tokenizer.ggml.tokens') as string[];
    const types = parsed.metadata.get('tokenizer.ggml.token_type') as number[];
    const scores = parsed.metadata.get('tokenizer.ggml.scores') as number[];
    assert.equal(types.length, tokens.length);
    assert.equal(scores.length, tokens.length);
    assert.equal(parsed.metadata.get('llama.vocab_size'), tokens.length);
    assert.equal(new Set(tokens).size, tokens.length, 'tokens are unique');

    assert.equal(tokens[TINY_LLAMA_SPECIAL.bos], '<s>');
    assert.equal(tokens[TINY_LLAMA_SPECIAL.eos], '</s>');
    assert.equal(tokens[TINY_LLAMA_SPECIAL.unk], '<unk>');
    assert.equal(parsed.metadata.get('tokenizer.ggml.bos_token_id'), TINY_LLAMA_SPECIAL.bos);
    assert.equal(parsed.metadata.get('tokenizer.ggml.eos_token_id'), TINY_LLAMA_SPECIAL.eos);
    for (const control of ['<|im_start|>', '<|im_end|>']) assert.equal(types[tokens.indexOf(control)], 3, `${control} is CONTROL`);
    for (let b = 0; b < 256; b++) {
      const piece = `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`;
      assert.equal(types[tokens.indexOf(piece)], 6, `${piece} is a BYTE token`);
    }
    for (const piece of TINY_LLAMA_SENTENCE_PIECES) assert.ok(tokens.includes(piece), `vocabulary has ${piece}`);
    assert.equal(TINY_LLAMA_SENTENCE_PIECES.join('').replaceAll('▁', ' '), TINY_LLAMA_SENTENCE);
    // Every piece SPM merges through on the way to a sentence word is in the vocabulary.
    for (const piece of TINY_LLAMA_SENTENCE_PIECES) {
      for (let n = 1; n <= [...piece].length; n++) assert.ok(tokens.includes([...piece].slice(0, n).join('')));
    }
  });

  test('its tensors have llama.cpp’s names and shapes, all F32', () => {
    const nEmbd = parsed.metadata.get('llama.embedding_length') as number;
    const nVocab = (parsed.metadata.get('tokenizer.ggml.tokens') as string[]).length;
    const nFf = parsed.metadata.get('llama.feed_forward_length') as number;
    const shape = (name: string) => parsed.tensors.get(name)?.dims;
    assert.deepEqual(shape('token_embd.weight'), [nEmbd, nVocab]);
    assert.deepEqual(shape('output.weight'), [nEmbd, nVocab]);
    assert.deepEqual(shape('output_norm.weight'), [nEmbd]);
    assert.deepEqual(shape('blk.0.attn_q.weight'), [nEmbd, nEmbd]);
    assert.deepEqual(shape('blk.0.attn_output.weight'), [nEmbd, nEmbd]);
    assert.deepEqual(shape('blk.0.ffn_gate.weight'), [nEmbd, nFf]);
    assert.deepEqual(shape('blk.0.ffn_down.weight'), [nFf, nEmbd]);
    for (const [name, t] of parsed.tensors) assert.equal(t.type, 0, `${name} is F32`);
    for (const name of ['blk.0.attn_output.weight', 'blk.0.ffn_down.weight']) {
      assert.ok(
        parsed.tensors.get(name)?.data.every((v) => v === 0),
        `${name} is zero, so the block adds nothing`,
      );
    }
  });

  test('greedy decoding, computed by hand, gives the sentence then EOS from any start', () => {
    const nEmbd = parsed.metadata.get('llama.embedding_length') as number;
    const tokens = parsed.metadata.get('tokenizer.ggml.tokens') as string[];
    const eps = parsed.metadata.get('llama.attention.layer_norm_rms_epsilon') as number;
    const embd = parsed.tensors.get('token_embd.weight')?.data as Float32Array;
    const out = parsed.tensors.get('output.weight')?.data as Float32Array;
    const norm = parsed.tensors.get('output_norm.weight')?.data as Float32Array;
    const logits = (t: number): number[] => {
      const x = embd.subarray(t * nEmbd, (t + 1) * nEmbd);
      const rms = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / nEmbd + eps);
      const h = Array.from(x, (v, i) => (v / rms) * (norm[i] as number));
      return tokens.map((_, v) => h.reduce((s, hv, i) => s + hv * (out[v * nEmbd + i] as number), 0));
    };
    const next = (t: number): { id: number; margin: number } => {
      const l = logits(t);
      const sorted = [...l].sort((a, b) => b - a);
      return { id: l.indexOf(sorted[0] as number), margin: (sorted[0] as number) - (sorted[1] as number) };
    };
    const starts = ['<0x0A>', '<|im_start|>', '<s>', '▁story', 'a', '.', '▁dawn'].map((p) => tokens.indexOf(p));
    for (const start of starts) {
      const generated: string[] = [];
      let t = start;
      for (let step = 0; step < 20; step++) {
        const { id, margin } = next(t);
        // 20 logits at least (runners-up for JSON grammars sit 20 or more below the favourite).
        assert.ok(margin >= 19.9, `a wide margin (${margin}) keeps sampling deterministic, from ${tokens[start]} at step ${step}`);
        if (id === TINY_LLAMA_SPECIAL.eos) break;
        generated.push(tokens[id] as string);
        t = id;
      }
      assert.equal(generated.join('').replaceAll('▁', ' '), TINY_LLAMA_SENTENCE, `from ${tokens[start]}`);
    }
  });

  test('is the same bytes every time', () => {
    assert.ok(tinyLlamaGguf().bytes.equals(tinyLlamaGguf().bytes));
  });
});

describe('fixture entry', () => {
  test('ensureFixtures writes every fixture once, then only what is missing', async () => {
    const outDir = path.join(dir as string, 'out');
    const written: string[] = [];
    const paths = await ensureFixtures({ outDir, onWrite: (name) => written.push(name) });
    assert.deepEqual(written.sort(), FIXTURE_WRITERS.map((w) => w.name).sort());
    for (const p of Object.values(paths)) assert.ok((await fs.stat(p)).size > 0);

    written.length = 0;
    await ensureFixtures({ outDir, onWrite: (name) => written.push(name) });
    assert.equal(written.length, 0, `nothing rewritten, got ${written.join(', ')}`);

    await fs.rm(paths['bad/truncated'] as string);
    await ensureFixtures({ outDir, onWrite: (name) => written.push(name) });
    assert.deepEqual(written, ['bad/truncated']);
    assert.deepEqual(
      (await fs.readdir(outDir)).filter((f) => f.includes('.tmp-')),
      [],
    );
  });

  test('the bad files are refused by the app’s header reader, except the unknown architecture', async () => {
    const paths = await ensureFixtures({ outDir: path.join(dir as string, 'out') });
    await assert.rejects(readGgufHeader(paths['bad/not-gguf'] as string), /GGUF magic/);
    await assert.rejects(readGgufHeader(paths['bad/truncated'] as string), /truncated/);
    await assert.rejects(readGgufHeader(paths['bad/absurd-counts'] as string), /not plausible/);
    const header = await readGgufHeader(paths['bad/unsupported-arch'] as string);
    assert.equal(header.architecture, 'nonexistent-arch');
  });
});
