import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';

/**
 * Resolves `relative` under `root` and refuses anything that would land outside it
 * (`..`, absolute paths, drive letters, NUL bytes). Symlinks are the caller's
 * concern: files we serve are ones we wrote.
 */
export function resolveInside(root: string, relative: string): string {
  if (relative.includes('\0')) throw new AtelierError('FORBIDDEN', 'Path contains a NUL byte.');
  if (path.isAbsolute(relative) || /^[a-zA-Z]:/.test(relative) || relative.startsWith('\\')) {
    throw new AtelierError('FORBIDDEN', `Absolute paths are not allowed: ${relative}`);
  }
  const base = path.resolve(root);
  const target = path.resolve(base, relative);
  const rel = path.relative(base, target);
  if (rel === '' || escapes(rel)) {
    throw new AtelierError('FORBIDDEN', `Path escapes its folder: ${relative}`);
  }
  return target;
}

/** True when `target` (an absolute path) lies strictly inside `root`. */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(target));
  return rel !== '' && !escapes(rel);
}

// `..notes.txt` is an ordinary name; only a `..` segment climbs out.
function escapes(rel: string): boolean {
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
}
