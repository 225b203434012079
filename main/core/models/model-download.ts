import fs from 'node:fs/promises';
import path from 'node:path';
import type { CatalogFile, InstalledModel, ModelFormat } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import { formatBytes } from '../../../preload/human-units.js';
import type { JobContext } from '../jobs/job-manager.js';
import { ensureFreeSpace, freeBytes as systemFreeBytes, type FreeBytes } from '../files/disk-space.js';
import { partialPaths } from './download-resume.js';
import { checkModelFolder, detectModel } from '../../platform/formats/detect-model.js';
import { downloadFile } from './http-download.js';
import type { ModelManifest, ModelRegistry } from './model-registry.js';
import { sha256File } from './sha256-file.js';
import { TransferMeter } from './transfer-meter.js';

/** One model to fetch: a catalog entry, or a file someone gave the address of. */
export interface DownloadSpec {
  id: string;
  name: string;
  /** Unknown for a bare URL: the content decides. */
  format?: ModelFormat;
  files: CatalogFile[];
  source: 'catalog' | 'url';
  catalogId?: string;
  sourceUrl?: string;
  licence?: string;
  ramMb?: number;
}

export interface DownloadTuning {
  retries?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  stallTimeoutMs?: number;
}

interface DownloadDeps {
  registry: ModelRegistry;
  freeBytes?: FreeBytes;
  tuning?: DownloadTuning;
}

async function sizeOnDisk(file: string): Promise<number> {
  return (await fs.stat(file).catch(() => null))?.size ?? 0;
}

/** A file finished by an earlier run counts when it still is what the catalog says. */
async function finishedEarlier(dest: string, file: CatalogFile, signal: AbortSignal): Promise<{ size: number; sha256: string } | null> {
  const stat = await fs.stat(dest).catch(() => null);
  if (!stat?.isFile()) return null;
  if (file.size !== undefined && !file.sizeApproximate && stat.size !== file.size) return null;
  const sha256 = await sha256File(dest, { signal });
  if (file.sha256 && sha256 !== file.sha256) return null;
  return { size: stat.size, sha256 };
}

/**
 * Downloads every file of one model into `<models>/.partial/<id>/`, checks the result
 * by its content, then installs it with one rename. Interrupted runs leave their
 * `.part` files there and the next run resumes them; a checksum mismatch or a file that
 * is not the model it claims to be clears the folder, so nothing half-made remains.
 */
export async function downloadModel(spec: DownloadSpec, deps: DownloadDeps, context: JobContext): Promise<InstalledModel> {
  const { registry } = deps;
  const { signal } = context;
  const staging = path.join(registry.stagingDir, spec.id);
  await fs.mkdir(staging, { recursive: true });
  const dests = spec.files.map((file) => path.join(staging, ...file.path.split('/')));

  try {
    // The disk check counts what earlier attempts already fetched.
    let have = 0;
    for (const dest of dests) have += Math.max(await sizeOnDisk(dest), await sizeOnDisk(partialPaths(dest).part));
    const expected = spec.files.reduce((sum, f) => sum + (f.size ?? 0), 0);
    await ensureFreeSpace(registry.modelsDir, expected - have, spec.name, deps.freeBytes ?? systemFreeBytes);

    const meter = new TransferMeter(expected > 0 ? expected : null);
    const results: { path: string; size: number; sha256: string }[] = [];
    let completed = 0;
    const report = (doneInFile: number) => {
      const reading = meter.read(completed + doneInFile);
      const of = spec.files.length > 1 ? ` (file ${results.length + 1} of ${spec.files.length})` : '';
      context.progress({
        fraction: reading.fraction,
        detail: `${reading.detail}${of}`,
        ...(reading.etaSeconds !== undefined && { etaSeconds: reading.etaSeconds }),
      });
    };

    for (const [index, file] of spec.files.entries()) {
      const dest = dests[index] as string;
      await fs.mkdir(path.dirname(dest), { recursive: true });
      let done = await finishedEarlier(dest, file, signal);
      if (!done) {
        await fs.rm(dest, { force: true });
        const fetched = await downloadFile({
          url: file.url,
          dest,
          ...(file.size !== undefined && !file.sizeApproximate && { expectedSize: file.size }),
          ...(file.sha256 && { sha256: file.sha256 }),
          signal,
          label: file.path,
          onProgress: (bytes) => report(bytes),
          ...deps.tuning,
        });
        done = { size: fetched.size, sha256: fetched.sha256 };
      }
      completed += done.size;
      results.push({ path: file.path, ...done });
      report(0);
    }

    context.progress({ detail: 'Checking the model…' });
    const label = spec.name;
    const detected = spec.format
      ? await checkModelFolder(
          spec.format,
          staging,
          spec.files.map((f) => f.path),
          label,
        )
      : await detectModel(dests[0] as string, label);
    if (!spec.format && detected.files.some((f) => !results.some((r) => r.path === f))) {
      throw new AtelierError('MODEL_INVALID', `${label} needs files that were not downloaded: ${detected.files.join(', ')}.`);
    }
    const main = results.find((r) => r.path === detected.mainFile) ?? (results[0] as (typeof results)[number]);
    const folder = registry.folderOf(spec.id);
    const manifest: ModelManifest = {
      id: spec.id,
      name: spec.format ? spec.name : (detected.name ?? spec.name),
      modality: detected.modality,
      format: detected.format,
      path: detected.entry ? path.join(folder, ...detected.entry.split('/')) : folder,
      size: results.reduce((sum, r) => sum + r.size, 0),
      sha256: main.sha256,
      files: results,
      source: spec.source,
      ...(spec.catalogId && { catalogId: spec.catalogId }),
      ...(spec.sourceUrl && { sourceUrl: spec.sourceUrl }),
      ...(spec.licence && { licence: spec.licence }),
      ...(spec.ramMb && { ramMb: spec.ramMb }),
      owned: true,
      installedAt: new Date().toISOString(),
    };
    const installed = await registry.install(staging, manifest);
    context.progress({ detail: `Installed and verified · ${formatBytes(manifest.size)}` });
    return installed;
  } catch (error) {
    const code = error instanceof AtelierError ? error.code : null;
    if (code === 'CHECKSUM_MISMATCH' || code === 'MODEL_INVALID') await fs.rm(staging, { recursive: true, force: true });
    else await removeIfEmpty(staging);
    throw error;
  }
}

/** A download that failed before its first byte leaves no empty folders behind. */
async function removeIfEmpty(dir: string): Promise<void> {
  const walk = async (d: string): Promise<boolean> => {
    const entries = await fs.readdir(d, { withFileTypes: true }).catch(() => null);
    if (!entries) return true;
    let empty = true;
    for (const entry of entries) {
      if (entry.isDirectory() && (await walk(path.join(d, entry.name)))) continue;
      empty = false;
    }
    if (empty) await fs.rmdir(d).catch(() => undefined);
    return empty;
  };
  await walk(dir);
}
