import fs from 'node:fs/promises';

/** WAVE format codes whose data chunk is whole frames of `blockAlign` bytes: PCM and IEEE float. */
const WHOLE_FRAMES = new Set([1, 3]);
/** WAVE_FORMAT_EXTENSIBLE: the real format code opens the SubFormat GUID, 24 bytes into `fmt `. */
const EXTENSIBLE = 0xfffe;
/** A data size a streaming writer leaves when it cannot go back: 0 or all ones. */
const UNSET = new Set([0, 0xffffffff]);
/** Chunks walked before giving up (a damaged file must not keep us reading). */
const MOST_CHUNKS = 64;

/**
 * The playing time of a PCM or float WAV file, in seconds, from its header alone, or
 * undefined when it is not one (another container, a compressed WAV, a damaged header,
 * a file that cannot be read): the caller then decodes it, which also reports the error.
 * The chunks are walked with positioned reads, so a long chunk before the data costs
 * nothing. The data is capped by the file's size, and an unset size means "to the end".
 */
export async function wavSeconds(file: string): Promise<number | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size: fileSize } = await handle.stat();
    const read = async (at: number, length: number): Promise<Buffer> => {
      const { buffer, bytesRead } = await (handle as fs.FileHandle).read(Buffer.alloc(length), 0, length, at);
      return buffer.subarray(0, bytesRead);
    };
    const riff = await read(0, 12);
    if (riff.length < 12 || riff.toString('latin1', 0, 4) !== 'RIFF' || riff.toString('latin1', 8, 12) !== 'WAVE') return undefined;
    let format: { rate: number; blockAlign: number } | undefined;
    for (let at = 12, chunks = 0; at + 8 <= fileSize && chunks < MOST_CHUNKS; chunks++) {
      const header = await read(at, 8);
      const id = header.toString('latin1', 0, 4);
      const size = header.readUInt32LE(4);
      if (id === 'fmt ') {
        const fmt = await read(at + 8, Math.min(size, 40));
        if (fmt.length < 16) return undefined;
        const code = fmt.readUInt16LE(0) === EXTENSIBLE && fmt.length >= 26 ? fmt.readUInt16LE(24) : fmt.readUInt16LE(0);
        if (!WHOLE_FRAMES.has(code)) return undefined;
        format = { rate: fmt.readUInt32LE(4), blockAlign: fmt.readUInt16LE(12) };
      } else if (id === 'data') {
        if (!format || format.rate <= 0 || format.blockAlign <= 0) return undefined;
        const there = fileSize - at - 8;
        const bytes = UNSET.has(size) ? there : Math.min(size, there);
        return Math.floor(bytes / format.blockAlign) / format.rate;
      }
      at += 8 + size + (size % 2);
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}
