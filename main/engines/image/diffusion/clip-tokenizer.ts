import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';

/**
 * CLIP's byte-level BPE, as Hugging Face's CLIPTokenizer does it for Stable Diffusion:
 * clean and lowercase the text, split it with CLIP's pattern, map each byte to a
 * printable character (GPT-2's table), merge pairs by their rank in merges.txt with
 * "</w>" marking a word's end, then `<|startoftext|> … <|endoftext|>` padded to 77.
 */
export const CLIP_CONTEXT_LENGTH = 77;
export const START_TOKEN = '<|startoftext|>';
export const END_TOKEN = '<|endoftext|>';

const PATTERN = /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+/giu;

/** GPT-2's byte → printable character table (bytes that print as themselves keep their code). */
export function bytesToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b += 1) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b += 1) printable.push(b);
  for (let b = 0xae; b <= 0xff; b += 1) printable.push(b);
  const table: string[] = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b += 1) {
    table[b] = printable.includes(b) ? String.fromCodePoint(b) : String.fromCodePoint(256 + extra++);
  }
  return table;
}

/** The order CLIP's vocab.json lists the 256 byte characters in (printable ones first). */
export function byteVocabOrder(): string[] {
  const table = bytesToUnicode();
  const printable = table.filter((c, b) => c.codePointAt(0) === b);
  const rest = table.filter((c, b) => c.codePointAt(0) !== b);
  return [...printable, ...rest];
}

const BYTE_CHARS = bytesToUnicode();

function decodeHtmlEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export class ClipTokenizer {
  private readonly ranks: Map<string, number>;
  private readonly cache = new Map<string, string[]>();
  readonly startId: number;
  readonly endId: number;
  readonly padId: number;

  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    merges: readonly string[],
    padToken = END_TOKEN,
  ) {
    this.ranks = new Map(merges.map((merge, rank) => [merge, rank]));
    const id = (token: string) => {
      const value = vocab.get(token);
      if (value === undefined) throw new AtelierError('MODEL_INVALID', `the tokenizer's vocabulary has no ${token} token.`);
      return value;
    };
    this.startId = id(START_TOKEN);
    this.endId = id(END_TOKEN);
    this.padId = vocab.get(padToken) ?? this.endId;
  }

  /** Reads tokenizer/{vocab.json, merges.txt} and, when present, the pad token from tokenizer_config.json. */
  static async fromFolder(dir: string, label = 'the tokenizer'): Promise<ClipTokenizer> {
    let vocab: Map<string, number>;
    let merges: string[];
    try {
      const raw: unknown = JSON.parse(await fs.readFile(path.join(dir, 'vocab.json'), 'utf8'));
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('vocab.json is not an object');
      vocab = new Map(Object.entries(raw as Record<string, unknown>).filter((e): e is [string, number] => Number.isInteger(e[1])));
      merges = (await fs.readFile(path.join(dir, 'merges.txt'), 'utf8'))
        .split('\n')
        .filter((line, i) => line.trim() !== '' && !(i === 0 && line.startsWith('#version')))
        .map((line) => line.trim());
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      throw new AtelierError('MODEL_INVALID', `${label} is ${missing ? 'missing' : 'unreadable'}: ${(error as Error).message}`);
    }
    let pad = END_TOKEN;
    const config = await fs.readFile(path.join(dir, 'tokenizer_config.json'), 'utf8').catch(() => null);
    if (config) {
      try {
        const parsed = JSON.parse(config) as { pad_token?: unknown };
        const token =
          typeof parsed.pad_token === 'object' && parsed.pad_token !== null ? (parsed.pad_token as { content?: unknown }).content : parsed.pad_token;
        if (typeof token === 'string') pad = token;
      } catch {
        // A damaged config only loses the pad token; CLIP's default is right for SD 1.x.
      }
    }
    return new ClipTokenizer(vocab, merges, pad);
  }

  /** Lowercased, HTML-unescaped, whitespace collapsed: what CLIP was trained on. */
  static clean(text: string): string {
    return decodeHtmlEntities(decodeHtmlEntities(text)).replace(/\s+/g, ' ').trim().toLowerCase();
  }

  /** BPE pieces of one pre-tokenized word (already mapped to byte characters). */
  bpe(word: string): string[] {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const chars = [...word];
    let parts = [...chars.slice(0, -1), `${chars.at(-1) ?? ''}</w>`];
    while (parts.length > 1) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < parts.length - 1; i += 1) {
        const rank = this.ranks.get(`${parts[i]} ${parts[i + 1]}`);
        if (rank !== undefined && rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      if (best < 0) break;
      const first = parts[best] as string;
      const second = parts[best + 1] as string;
      // Merge every occurrence of the pair, left to right, as the reference implementation does.
      const merged: string[] = [];
      for (let i = 0; i < parts.length;) {
        if (i < parts.length - 1 && parts[i] === first && parts[i + 1] === second) {
          merged.push(first + second);
          i += 2;
        } else {
          merged.push(parts[i] as string);
          i += 1;
        }
      }
      parts = merged;
    }
    if (this.cache.size < 10_000) this.cache.set(word, parts);
    return parts;
  }

  /** Token ids of the text without start, end or padding. */
  encodeText(text: string): number[] {
    const ids: number[] = [];
    for (const match of ClipTokenizer.clean(text).matchAll(PATTERN)) {
      const token = match[0];
      if (token === START_TOKEN || token === END_TOKEN) {
        ids.push(token === START_TOKEN ? this.startId : this.endId);
        continue;
      }
      const mapped = [...new TextEncoder().encode(token)].map((b) => BYTE_CHARS[b] as string).join('');
      for (const piece of this.bpe(mapped)) ids.push(this.vocab.get(piece) ?? this.endId);
    }
    return ids;
  }

  /** `<|startoftext|>`, up to 75 tokens, `<|endoftext|>`, padding: always 77 ids. */
  encode(text: string): Int32Array {
    const body = this.encodeText(text).slice(0, CLIP_CONTEXT_LENGTH - 2);
    const ids = new Int32Array(CLIP_CONTEXT_LENGTH).fill(this.padId);
    ids[0] = this.startId;
    ids.set(body, 1);
    ids[body.length + 1] = this.endId;
    return ids;
  }
}
