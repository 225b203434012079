import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';
import { KOKORO_STYLE_DIM, KOKORO_STYLE_ROW_BYTES } from '../../../platform/formats/kokoro-folder.js';

/**
 * A voice is a style pack, `voices/<id>.bin`: float32 little-endian, shape [510, 1, 256]
 * in the published packs (522,240 bytes). Row n is the style for an input of n phonemes:
 * kokoro-js takes row `min(max(ids - 2, 0), 509)` of the padded ids, i.e. the phoneme
 * count. Only that row is read (1 KiB), never the whole pack.
 */
interface StyleRow {
  style: Float32Array;
  /** Which row was taken. */
  row: number;
  /** How many rows the pack has. */
  rows: number;
}

/** The pack's path inside a model folder; NOT_FOUND (naming the folder's voices) when it is not there. */
export async function voicePackPath(folder: string, voice: string, known: readonly string[], label: string): Promise<string> {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(voice) || voice.includes('..')) {
    throw new AtelierError('INVALID_INPUT', `"${voice}" is not a Kokoro voice id (like af_heart).`);
  }
  if (!known.includes(voice)) {
    const list = known.slice(0, 16).join(', ') + (known.length > 16 ? '…' : '');
    throw new AtelierError('NOT_FOUND', `${label} has no voice "${voice}". Its voices: ${list}.`);
  }
  return path.join(folder, 'voices', `${voice}.bin`);
}

/** The style row for `phonemes` phonemes, clamped to the pack's last row. */
export async function readStyleRow(packPath: string, phonemes: number, label: string): Promise<StyleRow> {
  const handle = await fs.open(packPath, 'r').catch(() => {
    throw new AtelierError('MODEL_INVALID', `${label}: the voice pack ${path.basename(packPath)} is missing.`);
  });
  try {
    const { size } = await handle.stat();
    if (size === 0 || size % KOKORO_STYLE_ROW_BYTES !== 0) {
      throw new AtelierError(
        'MODEL_INVALID',
        `${label}: ${path.basename(packPath)} is ${size} bytes, not whole rows of ${KOKORO_STYLE_DIM} float32 style values.`,
      );
    }
    const rows = size / KOKORO_STYLE_ROW_BYTES;
    const row = Math.min(Math.max(phonemes, 0), rows - 1);
    const bytes = Buffer.alloc(KOKORO_STYLE_ROW_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, KOKORO_STYLE_ROW_BYTES, row * KOKORO_STYLE_ROW_BYTES);
    if (bytesRead !== KOKORO_STYLE_ROW_BYTES) throw new AtelierError('MODEL_INVALID', `${label}: ${path.basename(packPath)} ended early.`);
    const style = new Float32Array(KOKORO_STYLE_DIM);
    for (let i = 0; i < KOKORO_STYLE_DIM; i++) style[i] = bytes.readFloatLE(i * 4);
    if (!style.every(Number.isFinite)) throw new AtelierError('MODEL_INVALID', `${label}: ${path.basename(packPath)} holds values that are not numbers.`);
    return { style, row, rows };
  } finally {
    await handle.close();
  }
}
