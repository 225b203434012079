// `node --import ./scripts/test-loader/register.mjs file.test.ts`: how scripts/test.mjs runs
// each test file, after compile.mjs has compiled the tree (hooks.mjs says how it is used).
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledDir } from './compile.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
// Stack traces point at the TypeScript lines, through the inline source maps.
process.setSourceMapsEnabled(true);
register(pathToFileURL(path.join(root, 'scripts', 'test-loader', 'hooks.mjs')), { data: { root, compiled: compiledDir(root) } });
