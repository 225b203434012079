import fs from 'node:fs/promises';

/** Reading past the end of a file: the caller turns it into "truncated". */
export class TruncatedError extends Error {
  constructor(readonly position: number) {
    super(`the file ends early (at byte ${position})`);
  }
}

const WINDOW = 1024 * 1024;

/**
 * Random-access reads of a model file through one cached window, so header parsers can
 * ask for a few bytes at a time without a syscall each, and never load a whole model.
 */
export class FileBytes {
  private windowStart = 0;
  private window: Buffer = Buffer.alloc(0);

  private constructor(
    private readonly handle: fs.FileHandle,
    readonly size: number,
  ) {}

  static async open(file: string): Promise<FileBytes> {
    const handle = await fs.open(file, 'r');
    try {
      const stat = await handle.stat();
      return new FileBytes(handle, stat.size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Exactly `length` bytes at `position`, or TruncatedError. */
  async read(position: number, length: number): Promise<Buffer> {
    if (position + length > this.size) throw new TruncatedError(this.size);
    if (length === 0) return Buffer.alloc(0);
    const end = this.windowStart + this.window.length;
    if (position >= this.windowStart && position + length <= end) {
      return this.window.subarray(position - this.windowStart, position - this.windowStart + length);
    }
    const wanted = Math.max(length, Math.min(WINDOW, this.size - position));
    const buffer = Buffer.alloc(wanted);
    const { bytesRead } = await this.handle.read(buffer, 0, wanted, position);
    if (bytesRead < length) throw new TruncatedError(position + bytesRead);
    this.windowStart = position;
    this.window = buffer.subarray(0, bytesRead);
    return this.window.subarray(0, length);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Opens, runs, closes. */
export async function withFileBytes<T>(file: string, use: (bytes: FileBytes) => Promise<T>): Promise<T> {
  const bytes = await FileBytes.open(file);
  try {
    return await use(bytes);
  } finally {
    await bytes.close();
  }
}
