// Type-checks the Node side, the renderer and, when Electron's types are installed,
// the desktop shell. Electron's package is optional (its binary cannot always be
// fetched), so the shell's check says plainly when it was skipped.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const projects = ['tsconfig.json', 'renderer/tsconfig.json'];
if (fs.existsSync(new URL('../node_modules/electron/electron.d.ts', import.meta.url))) projects.push('main/hosts/electron/tsconfig.json');
else console.log('typecheck: skipped the Electron shell: the electron package is not installed (its optional install was skipped).');

// The projects are independent programs, each a single-threaded tsc: two cores check two
// at once. Each one's output is printed whole when it ends, so errors do not interleave.
function check(project) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '-p', project], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code) => {
      process.stdout.write(Buffer.concat(chunks));
      if (code === 0) console.log(`typecheck: ${project} ok`);
      resolve(code === 0);
    });
  });
}

const queue = [...projects];
const results = await Promise.all(
  Array.from({ length: Math.min(2, queue.length) }, async () => {
    let ok = true;
    for (let project = queue.shift(); project !== undefined; project = queue.shift()) ok = (await check(project)) && ok;
    return ok;
  }),
);
process.exit(results.every(Boolean) ? 0 : 1);
