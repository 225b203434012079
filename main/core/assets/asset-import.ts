import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Asset } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { FileRefs } from '../files/file-refs.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../platform/private-files.js';
import type { JobContext } from '../jobs/job-manager.js';
import type { Logger } from '../../platform/log.js';
import type { ProjectStore } from '../projects/project-store.js';
import { formatBytes } from '../../../preload/human-units.js';
import { sniffKind } from './asset-kinds.js';
import { thumbnailOrNothing, type ImageFacts } from './thumbnails.js';

interface ImportDeps {
  projects: ProjectStore;
  fileRefs: FileRefs;
  log: Logger;
}

/** Copies a vouched-for file into the open project's assets/ with byte progress; cancellable. */
export async function importAsset(deps: ImportDeps, fileRef: string, projectId: string, context: JobContext): Promise<Asset> {
  const source = deps.fileRefs.resolve(fileRef);
  const { dir } = deps.projects.requireOpen();
  const head = await readHead(source.path);
  const sniffed = sniffKind(head, source.name);
  const id = randomBytes(9).toString('base64url');
  const relative = `assets/${id}-${safeStem(source.name)}.${sniffed.ext}`;
  const target = path.join(dir, relative);
  const partial = `${target}.part`;
  let facts: ImageFacts | undefined;
  try {
    await ensurePrivateDir(path.dirname(target));
    await copyWithProgress(source.path, partial, source.size, context);
    await fs.rename(partial, target);
    if (sniffed.kind === 'image') facts = await thumbnailOrNothing(deps.log, dir, target, id);
    const asset: Asset = {
      id,
      kind: sniffed.kind,
      name: source.name,
      file: relative,
      mime: sniffed.mime,
      size: source.size,
      createdAt: new Date().toISOString(),
      ...(facts && { width: facts.width, height: facts.height, thumbnail: facts.thumbnail }),
      origin: { engine: 'import', sourceName: source.name },
    };
    // Last point where a cancel still leaves nothing behind.
    context.signal.throwIfAborted();
    await deps.projects.update(projectId, (project) => ({ ...project, assets: { ...project.assets, [id]: asset } }));
    await deps.fileRefs.release(fileRef);
    return asset;
  } catch (error) {
    await Promise.all([
      fs.rm(partial, { force: true }),
      fs.rm(target, { force: true }),
      facts ? fs.rm(path.join(dir, facts.thumbnail), { force: true }) : undefined,
    ]);
    if (error instanceof AtelierError || context.signal.aborted) throw error;
    throw new AtelierError('IO_ERROR', `Could not import ${source.name}: ${(error as Error).message}`);
  }
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r').catch((error: Error) => {
    throw new AtelierError('NOT_FOUND', `Cannot read the file: ${error.message}`);
  });
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function copyWithProgress(from: string, to: string, total: number, context: JobContext): Promise<void> {
  let copied = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      copied += chunk.length;
      context.progress({ fraction: total > 0 ? copied / total : null, detail: `${formatBytes(copied)} of ${formatBytes(total)}` });
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(from), meter, createWriteStream(to, { flags: 'wx', mode: PRIVATE_FILE_MODE }), { signal: context.signal });
}

export function safeStem(name: string): string {
  const stem = name
    .replace(/\.[^.]*$/, '')
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // A trailing seed is kept whole ("…-seed-2781095065", never "…-seed-2"): the words give way instead.
  const seed = /-seed-\d+$/.exec(stem)?.[0] ?? '';
  const head = stem
    .slice(0, stem.length - seed.length)
    .slice(0, STEM_LENGTH - seed.length)
    .replace(/-+$/, '');
  return (head + seed || 'file').replace(/^-+/, '').toLowerCase();
}

const STEM_LENGTH = 48;
