// Writes the generated model fixtures under models/fixtures/out/ (see
// models/fixtures/ensure-fixtures.ts). Run with `npm run fixtures`; same bytes every time.
// `--if-missing` writes only fixtures that are absent or outdated; names narrow it down:
//   npm run fixtures -- tiny-llama bad/truncated
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFixtures, FIXTURE_WRITERS } from '../models/fixtures/ensure-fixtures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const ifMissing = args.includes('--if-missing');
const only = args.filter((a) => !a.startsWith('--'));
const known = new Set(FIXTURE_WRITERS.map((w) => w.name));
for (const name of only) {
  if (!known.has(name)) {
    console.error(`Unknown fixture "${name}". Known: ${[...known].join(', ')}`);
    process.exit(2);
  }
}

const started = performance.now();
let written = 0;
const paths = await ensureFixtures({
  force: !ifMissing,
  ...(only.length > 0 && { only }),
  onWrite: (name, outPath, ms) => {
    written++;
    console.log(`wrote ${path.relative(root, outPath)} (${name}, ${ms.toFixed(0)} ms)`);
  },
});
const total = Object.keys(paths).length;
console.log(`${written} of ${total} fixture(s) written in ${(performance.now() - started).toFixed(0)} ms`);
