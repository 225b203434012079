// Type-checks the Node side, the renderer and, when Electron's types are installed,
// the desktop shell. Electron's package is optional (its binary cannot always be
// fetched), so the shell's check says plainly when it was skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const projects = ['tsconfig.json', 'renderer/tsconfig.json'];
if (fs.existsSync(new URL('../node_modules/electron/electron.d.ts', import.meta.url))) projects.push('main/hosts/electron/tsconfig.json');
else console.log('typecheck: skipped the Electron shell: the electron package is not installed (its optional install was skipped).');

let failed = false;
for (const project of projects) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed = true;
  else console.log(`typecheck: ${project} ok`);
}
process.exit(failed ? 1 : 0);
