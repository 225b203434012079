import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';

/** One file a finished export job wrote: where it is, as resolved when it was written, and which file (device and inode) it was. */
interface ExportRecord {
  /** Random, unguessable: the download link names this, not a folder or a file name. */
  id: string;
  projectId: string;
  path: string;
  name: string;
  dev: number;
  ino: number;
  /** With dev and ino: an inode number is reused at once after a delete, a change time and size are not kept. */
  size: number;
  ctimeMs: number;
}

/** The newest records kept; an older export's link stops working (the file stays on disk). */
const MAX_RECORDS = 1000;

/**
 * The exports this process made, and nothing else: the web host hands out only files
 * recorded here, so a file placed in the output folder by hand (or by another program)
 * is never served, however it is named.
 */
export class ExportRecords {
  private readonly records = new Map<string, ExportRecord>();

  /** Records a file an export job has just written (its real path and identity). */
  async add(projectId: string, file: string): Promise<ExportRecord> {
    const real = await fs.realpath(file);
    const stat = await fs.lstat(real);
    if (!stat.isFile()) throw new AtelierError('IO_ERROR', `The export ${file} is not a regular file.`);
    const record: ExportRecord = {
      id: randomBytes(16).toString('hex'),
      projectId,
      path: real,
      name: path.basename(real),
      dev: stat.dev,
      ino: stat.ino,
      size: stat.size,
      ctimeMs: stat.ctimeMs,
    };
    this.records.set(record.id, record);
    while (this.records.size > MAX_RECORDS) this.records.delete(this.records.keys().next().value as string);
    return record;
  }

  get(id: string): ExportRecord | undefined {
    return this.records.get(id);
  }
}
