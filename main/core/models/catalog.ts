import fs from 'node:fs';
import path from 'node:path';
import type { CatalogEntry } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import { readJsonFile } from '../files/read-json.js';
import { CatalogSchema, type Catalog } from './catalog-schema.js';
import { codeDirOf } from '../../platform/worker-entry.js';

/** Finds models/catalog.json from wherever this code runs (source tree, bundled CLI, packaged app). */
export function locateCatalog(env: NodeJS.ProcessEnv = process.env, from = codeDirOf(import.meta)): string {
  if (env.ATELIER_CATALOG) return path.resolve(env.ATELIER_CATALOG);
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'models', 'catalog.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(from, 'models', 'catalog.json');
    dir = parent;
  }
}

/** Loads and validates the catalog; a broken one is a clear error, never a half list. */
export async function loadCatalog(file: string = locateCatalog()): Promise<Catalog> {
  let read;
  try {
    read = await readJsonFile(file, CatalogSchema);
  } catch (error) {
    throw new AtelierError('IO_ERROR', `Cannot read the model catalog ${file}: ${(error as Error).message}`);
  }
  if (!read.ok) {
    throw new AtelierError(
      read.reason === 'missing' ? 'NOT_FOUND' : 'INTERNAL',
      read.reason === 'missing' ? `The model catalog ${file} is missing.` : `The model catalog ${file} is invalid: ${read.message}`,
    );
  }
  return read.value;
}

export function findCatalogEntry(catalog: Catalog, id: string): CatalogEntry {
  const entry = catalog.models.find((m) => m.id === id);
  if (!entry) throw new AtelierError('NOT_FOUND', `The catalog has no model "${id}". Run 'atelier models catalog' to see what is there.`);
  return entry;
}
