import fs from 'node:fs';
import path from 'node:path';
import { codeDirOf } from '../platform/code-dir.js';

// The build injects these; running from source (tests, tsx) reads package.json instead.
declare const __ATELIER_VERSION__: string | undefined;
declare const __ATELIER_NAME__: string | undefined;

function fromPackageJson(): { version: string; productName: string } {
  let dir = codeDirOf(import.meta);
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version: string; productName?: string };
      if (pkg.name === 'atelier') return { version: pkg.version, productName: pkg.productName ?? 'Atelier' };
    }
    const parent = path.dirname(dir);
    if (parent === dir) return { version: '0.0.0', productName: 'Atelier' };
    dir = parent;
  }
}

const built = typeof __ATELIER_VERSION__ === 'string' && typeof __ATELIER_NAME__ === 'string';
const pkg = built ? { version: __ATELIER_VERSION__ as string, productName: __ATELIER_NAME__ as string } : fromPackageJson();

export const APP_NAME = pkg.productName;
export const APP_VERSION = pkg.version;
