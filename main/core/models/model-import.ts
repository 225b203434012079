import fs from 'node:fs/promises';
import path from 'node:path';
import type { InstalledModel, ModelImportMode } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { JobContext } from '../jobs/job-manager.js';
import { ensureFreeSpace, freeBytes as systemFreeBytes, type FreeBytes } from '../files/disk-space.js';
import { detectModel, type DetectedModel } from '../../platform/formats/detect-model.js';
import { slugify, uniqueId } from './model-ids.js';
import type { ModelManifest, ModelRegistry } from './model-registry.js';
import { copyFileWithSha256, sha256File } from './sha256-file.js';
import { TransferMeter } from './transfer-meter.js';

export interface ImportSource {
  /** The file or folder on disk. */
  path: string;
  /** What the user calls it (an upload's original file name); defaults to the path's name. */
  label?: string;
  /** False for a temporary upload, whose path means nothing later. */
  recordOrigin?: boolean;
}

interface ImportDeps {
  registry: ModelRegistry;
  freeBytes?: FreeBytes;
}

/** A single uploaded file keeps the name it was uploaded under, with the extension its format uses. */
function copiedName(detected: DetectedModel, rel: string, label: string): string {
  if (detected.format !== 'gguf') return rel;
  const base =
    path
      .basename(label)
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^\.+/, '') || 'model';
  return base.toLowerCase().endsWith('.gguf') ? base : `${base}.gguf`;
}

function displayName(detected: DetectedModel, label: string): string {
  return detected.name ?? label.replace(/\.(gguf|onnx|onnx\.json)$/i, '');
}

/**
 * Brings a model file or folder the user already has into the registry. Its content is
 * checked first (GGUF header, ONNX protobuf and Piper settings, diffusers layout), so a
 * refused file leaves nothing behind. `copy` puts the files in the models folder and
 * hashes them on the way; `reference` leaves them where they are and records their
 * checksums, and removing the model later never deletes them.
 */
export async function importModel(source: ImportSource, mode: ModelImportMode, deps: ImportDeps, context: JobContext): Promise<InstalledModel> {
  const { registry } = deps;
  // Resolved first, so `.` or `voices/lessac/` is named by the folder it means.
  const label = source.label ?? path.basename(path.resolve(source.path));
  context.progress({ fraction: null, detail: 'Checking the file…' });
  const detected = await detectModel(path.resolve(source.path), label);
  const name = displayName(detected, label);
  const id = uniqueId(slugify(name), (candidate) => registry.find(candidate) !== undefined);

  const sizes = await Promise.all(detected.files.map(async (rel) => (await fs.stat(path.join(detected.root, ...rel.split('/')))).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (mode === 'copy') await ensureFreeSpace(registry.modelsDir, total, name, deps.freeBytes ?? systemFreeBytes);

  await fs.mkdir(registry.stagingDir, { recursive: true });
  const staging = await fs.mkdtemp(path.join(registry.stagingDir, 'import-'));
  try {
    const meter = new TransferMeter(total);
    let completed = 0;
    const report = (done: number) => {
      const reading = meter.read(completed + done);
      context.progress({
        fraction: reading.fraction,
        detail: `${mode === 'copy' ? 'Copying' : 'Checksumming'} ${reading.detail}`,
        ...(reading.etaSeconds !== undefined && { etaSeconds: reading.etaSeconds }),
      });
    };
    const files: ModelManifest['files'] = [];
    for (const rel of detected.files) {
      const from = path.join(detected.root, ...rel.split('/'));
      const stored = mode === 'copy' ? copiedName(detected, rel, label) : rel;
      let result: { size: number; sha256: string };
      if (mode === 'copy') {
        const to = path.join(staging, ...stored.split('/'));
        await fs.mkdir(path.dirname(to), { recursive: true });
        result = await copyFileWithSha256(from, to, { signal: context.signal, onBytes: report });
      } else {
        const size = (await fs.stat(from)).size;
        result = { size, sha256: await sha256File(from, { signal: context.signal, onBytes: report }) };
      }
      completed += result.size;
      files.push({ path: stored, ...result });
    }

    const mainIndex = detected.files.indexOf(detected.mainFile);
    const main = files[mainIndex] ?? (files[0] as (typeof files)[number]);
    const folder = registry.folderOf(id);
    const entry = mode === 'copy' ? (detected.entry ? main.path : '') : detected.entry;
    const manifest: ModelManifest = {
      id,
      name,
      modality: detected.modality,
      format: detected.format,
      path: mode === 'copy' ? (entry ? path.join(folder, ...entry.split('/')) : folder) : entry ? path.join(detected.root, ...entry.split('/')) : detected.root,
      size: completed,
      sha256: main.sha256,
      files,
      source: 'import',
      ...(source.recordOrigin !== false && { sourceUrl: path.resolve(source.path) }),
      owned: mode === 'copy',
      installedAt: new Date().toISOString(),
    };
    // Two imports of voices that share a name may race for one id: the later one takes the next.
    return await registry.install(staging, manifest, { renameIfTaken: true });
  } catch (error) {
    await fs.rm(staging, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC')
      throw new AtelierError('DISK_FULL', 'The disk filled up while copying the model; nothing was kept.');
    throw error;
  }
}
