import fs from 'node:fs/promises';
import { z } from 'zod';
import { Sha256Schema } from '../../../preload/contract.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { readJsonFile } from '../files/read-json.js';

/**
 * A download in progress is `<name>.part` (the bytes so far) plus `<name>.part.json`
 * (what they are bytes of). The suffix keeps a half file from ever passing for a model,
 * and the sidecar lets a later run, or a later process, resume only when it is still
 * the same file at the same address.
 */
export const PartialSidecarSchema = z.strictObject({
  version: z.literal(1),
  url: z.string().min(1),
  expectedSize: z.int().nonnegative().optional(),
  sha256: Sha256Schema.optional(),
  /** The server's validators, sent back as If-Range so a changed file is fetched afresh. */
  etag: z.string().max(512).optional(),
  lastModified: z.string().max(128).optional(),
  startedAt: z.iso.datetime(),
});
export type PartialSidecar = z.infer<typeof PartialSidecarSchema>;

export function partialPaths(dest: string): { part: string; sidecar: string } {
  return { part: `${dest}.part`, sidecar: `${dest}.part.json` };
}

export function isPartialName(name: string): boolean {
  return name.endsWith('.part') || name.endsWith('.part.json');
}

interface ResumePoint {
  offset: number;
  sidecar: PartialSidecar | null;
}

/** Where an earlier attempt left off, or 0 when there is nothing trustworthy to resume. */
export async function findResumePoint(dest: string, wanted: { url: string; expectedSize?: number; sha256?: string }): Promise<ResumePoint> {
  const { part, sidecar: sidecarFile } = partialPaths(dest);
  const read = await readJsonFile(sidecarFile, PartialSidecarSchema);
  const stat = await fs.stat(part).catch(() => null);
  if (!read.ok || !stat?.isFile()) {
    await discardPartial(dest);
    return { offset: 0, sidecar: null };
  }
  const sidecar = read.value;
  const sameFile =
    sidecar.url === wanted.url &&
    sidecar.expectedSize === wanted.expectedSize &&
    sidecar.sha256 === wanted.sha256 &&
    (wanted.expectedSize === undefined || stat.size <= wanted.expectedSize);
  if (!sameFile) {
    await discardPartial(dest);
    return { offset: 0, sidecar: null };
  }
  return { offset: stat.size, sidecar };
}

export async function writeSidecar(dest: string, sidecar: PartialSidecar): Promise<void> {
  await writeFileAtomic(partialPaths(dest).sidecar, `${JSON.stringify(sidecar, null, 2)}\n`);
}

export async function discardPartial(dest: string): Promise<void> {
  const { part, sidecar } = partialPaths(dest);
  await fs.rm(part, { force: true });
  await fs.rm(sidecar, { force: true });
}
