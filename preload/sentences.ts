// Sentence boundaries, shared by the voice engines (which speak a sentence at a time and
// pause between) and captions (which break where the voice paused).

/**
 * Splits text into sentences (after . ! ? … and their CJK forms, or at blank lines),
 * keeping the punctuation, dropping empty pieces. A sentence longer than `maxChars` is
 * cut at the last space before the limit, so no piece ever exceeds it. The voice engines
 * pause at these boundaries, which is why captions break there too.
 */
export function splitSentences(text: string, maxChars = 400): string[] {
  const pieces = text
    .replace(/\r\n?/g, '\n')
    .split(/(?<=[.!?…。！？])\s+|\n\s*\n/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
  const out: string[] = [];
  for (let piece of pieces) {
    while (piece.length > maxChars) {
      const cut = piece.lastIndexOf(' ', maxChars);
      const at = cut > maxChars / 2 ? cut : maxChars;
      out.push(piece.slice(0, at).trim());
      piece = piece.slice(at).trim();
    }
    if (piece.length > 0) out.push(piece);
  }
  return out;
}

/** Packs consecutive sentences into chunks of at most `maxChars` (a sentence is never split across chunks). */
export function packSentences(sentences: readonly string[], maxChars: number): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const sentence of sentences) {
    if (current.length > 0 && size + sentence.length + 1 > maxChars) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(sentence);
    size += sentence.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
