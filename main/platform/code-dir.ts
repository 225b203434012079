import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of the calling module, given its `import.meta` (or that object's `url`): that
 * file's folder in ESM (source, the CLI bundle); in the CommonJS Electron bundle
 * import.meta is empty and __dirname is the bundle's folder.
 */
export function codeDirOf(module: { url?: string } | string | undefined): string {
  const moduleUrl = typeof module === 'object' ? module.url : module;
  if (typeof moduleUrl === 'string' && moduleUrl.startsWith('file:')) return path.dirname(fileURLToPath(moduleUrl));
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}
