import type { AssetKind } from '../../../preload/contract.js';

interface Sniffed {
  kind: AssetKind;
  mime: string;
  ext: string;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** Decides what a file is from its first bytes; the extension is only a fallback. */
export function sniffKind(head: Uint8Array, fileName: string): Sniffed {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mime: 'image/png', ext: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg', ext: 'jpg' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return { kind: 'image', mime: 'image/webp', ext: 'webp' };
  if (ascii(head, 0, 4) === 'GIF8') return { kind: 'image', mime: 'image/gif', ext: 'gif' };
  if (ascii(head, 4, 12) === 'ftypavif') return { kind: 'image', mime: 'image/avif', ext: 'avif' };
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return { kind: 'audio', mime: 'audio/wav', ext: 'wav' };
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return { kind: 'audio', mime: 'audio/mpeg', ext: 'mp3' };
  if (ascii(head, 0, 4) === 'OggS') return { kind: 'audio', mime: 'audio/ogg', ext: 'ogg' };
  if (ascii(head, 0, 4) === 'fLaC') return { kind: 'audio', mime: 'audio/flac', ext: 'flac' };
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', mime: 'video/webm', ext: 'webm' };
  if (ascii(head, 4, 8) === 'ftyp') return { kind: 'video', mime: 'video/mp4', ext: 'mp4' };
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]{1,8})$/)?.[1] ?? '';
  if (looksLikeText(head)) {
    if (ext === 'md' || ext === 'markdown') return { kind: 'text', mime: 'text/markdown', ext: 'md' };
    if (ext === 'svg') return { kind: 'other', mime: 'image/svg+xml', ext: 'svg' };
    return { kind: 'text', mime: 'text/plain', ext: ext === 'txt' || !ext ? 'txt' : ext };
  }
  return { kind: 'other', mime: 'application/octet-stream', ext: ext || 'bin' };
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
  } catch {
    return false;
  }
  return !head.includes(0);
}
