import { crc32, inflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

export interface PngTextEntry {
  keyword: string;
  text: string;
  /**
   * 'tEXt' for Latin-1 readers (ImageMagick 6, older viewers skip iTXt); the text must then
   * be printable ASCII or Latin-1. iTXt (UTF-8) when absent.
   */
  chunk?: 'tEXt' | 'iTXt';
}

interface RawChunk {
  type: string;
  /** Offset of the chunk's length field. */
  start: number;
  /** Offset just past its CRC. */
  end: number;
  data: Uint8Array;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Walks the chunk list, checking each CRC; a damaged file is refused rather than half read. */
function chunksOf(png: Uint8Array): RawChunk[] {
  if (!isPng(png)) throw new Error('not a PNG file');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: RawChunk[] = [];
  let offset = 8;
  while (offset + 12 <= png.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > png.length) throw new Error('PNG chunk runs past the end of the file');
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    if (crc32(typeAndData) !== view.getUint32(offset + 8 + length)) throw new Error('PNG chunk CRC mismatch');
    const type = latin1.decode(png.subarray(offset + 4, offset + 8));
    chunks.push({ type, start: offset, end, data: png.subarray(offset + 8, offset + 8 + length) });
    offset = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND') throw new Error('PNG lacks IHDR or IEND');
  return chunks;
}

function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function checkKeyword(keyword: string): Uint8Array {
  // PNG keywords: 1–79 Latin-1 printable characters, no leading, trailing or double spaces.
  if (!/^[\x20-\x7e\xa1-\xff]{1,79}$/.test(keyword) || /^ | $| {2}/.test(keyword)) throw new Error(`not a PNG keyword: "${keyword}"`);
  return Uint8Array.from(keyword, (c) => c.charCodeAt(0));
}

/** An uncompressed iTXt chunk: UTF-8 text, so prompts in any language survive. */
function iTXt({ keyword, text }: PngTextEntry): Uint8Array {
  const key = checkKeyword(keyword);
  const body = new TextEncoder().encode(text);
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text.
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  data.set(body, key.length + 5);
  return encodeChunk('iTXt', data);
}

/** A tEXt chunk: Latin-1 text, the one kind every PNG reader knows. */
function tEXt({ keyword, text }: PngTextEntry): Uint8Array {
  const key = checkKeyword(keyword);
  if (!/^[\n\x20-\x7e\xa0-\xff]*$/.test(text)) throw new Error(`tEXt "${keyword}" holds characters outside Latin-1`);
  const data = new Uint8Array(key.length + 1 + text.length);
  data.set(key, 0);
  data.set(
    Uint8Array.from(text, (c) => c.charCodeAt(0)),
    key.length + 1,
  );
  return encodeChunk('tEXt', data);
}

/**
 * Returns a copy of the PNG with these text entries right after IHDR (readers that
 * stop early still find them); older entries with the same keywords are dropped.
 * The pHYs chunk goes too: libvips writes 1000 pixels per metre (25.4 dpi) on every
 * PNG, so a 1280-pixel card would print 1.28 m wide; with none, tools assume 72 dpi.
 */
export function withTextChunks(png: Uint8Array, entries: readonly PngTextEntry[]): Uint8Array {
  const chunks = chunksOf(png);
  const replaced = new Set(entries.map((e) => e.keyword));
  const kept = chunks.filter((chunk) => chunk.type !== 'pHYs' && !(isTextChunk(chunk.type) && replaced.has(keywordOf(chunk.data))));
  const parts: Uint8Array[] = [SIGNATURE];
  for (const chunk of kept) {
    parts.push(png.subarray(chunk.start, chunk.end));
    if (chunk.type === 'IHDR') parts.push(...entries.map((entry) => (entry.chunk === 'tEXt' ? tEXt(entry) : iTXt(entry))));
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const isTextChunk = (type: string) => type === 'tEXt' || type === 'iTXt' || type === 'zTXt';

function keywordOf(data: Uint8Array): string {
  const nul = data.indexOf(0);
  return latin1.decode(data.subarray(0, nul < 0 ? data.length : nul));
}

/** Every tEXt, zTXt and iTXt entry, in file order (A1111, ComfyUI and Atelier all write these). */
export function readTextChunks(png: Uint8Array): PngTextEntry[] {
  const entries: PngTextEntry[] = [];
  for (const chunk of chunksOf(png)) {
    if (!isTextChunk(chunk.type)) continue;
    const { data } = chunk;
    const nul = data.indexOf(0);
    if (nul < 1) continue;
    const keyword = latin1.decode(data.subarray(0, nul));
    if (chunk.type === 'tEXt') entries.push({ keyword, text: latin1.decode(data.subarray(nul + 1)) });
    else if (chunk.type === 'zTXt') entries.push({ keyword, text: latin1.decode(inflateSync(data.subarray(nul + 2))) });
    else {
      const compressed = data[nul + 1] === 1;
      const languageEnd = data.indexOf(0, nul + 3);
      const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
      if (translatedEnd < 0) continue;
      const body = data.subarray(translatedEnd + 1);
      entries.push({ keyword, text: utf8.decode(compressed ? inflateSync(body) : body) });
    }
  }
  return entries;
}

/** The PNG without a pHYs chunk (see withTextChunks), its text kept. */
export function withoutPhys(png: Uint8Array): Uint8Array {
  return withTextChunks(png, []);
}

/** Pixel size from IHDR, without decoding. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const ihdr = chunksOf(png)[0] as RawChunk;
  const view = new DataView(ihdr.data.buffer, ihdr.data.byteOffset, ihdr.data.byteLength);
  return { width: view.getUint32(0), height: view.getUint32(4) };
}
