import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { BenchEnvironment } from '../../bench/environment.js';
import { RATIO, recordTable, tableMarkdown } from '../../bench/report.js';
import { END_MARKER, START_MARKER, mergeResults, readResults, renderResults, replaceSection, writeResults, type BenchResult } from '../../bench/results.js';

const ORDER = ['web-host', 'synth', 'image-procedural', 'voice'];

function environment(date: string): BenchEnvironment {
  return {
    date,
    commit: 'abc123',
    uncommitted: false,
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 8, os: 'Linux test x64', load1: 0.5 },
    node: 'v20.0.0',
    versions: { sharp: '0.35.5', ffmpeg: '7.0' },
  };
}

function result(bench: string, atelier: number, raw: number, date = '2026-01-01T00:00:00.000Z'): BenchResult {
  const table = recordTable({
    bench,
    title: `${bench} speed`,
    label: 'case',
    columns: [{ key: 'atelier', name: 'Atelier', unit: 'ms', digits: 0 }, { key: 'raw', name: 'raw', unit: 'ms', digits: 0 }, RATIO],
    rows: [{ label: 'one', atelier, raw }],
  });
  return { bench, environment: environment(date), tables: [table] };
}

test('a comparison row keeps the raw baseline beside Atelier and their ratio, rounded as printed', () => {
  const table = recordTable({
    bench: 'synth',
    title: 'render',
    label: 'sound',
    columns: [
      { key: 'audio', name: 'audio', unit: 's', digits: 1 },
      { key: 'atelier', name: 'Atelier', unit: 'ms', digits: 0 },
      { key: 'raw', name: 'raw', unit: 'ms', digits: 0 },
      RATIO,
    ],
    rows: [
      { label: 'rain', audio: 60.04, atelier: 300.4, raw: 99.6 },
      { label: 'loop', audio: null, atelier: 10, raw: 40, ratio: 0.25 },
    ],
  });
  assert.deepEqual(table.rows[0], { label: 'rain', audio: 60, atelier: 300, raw: 100, ratio: 3.02 });
  assert.deepEqual(table.rows[1], { label: 'loop', audio: null, atelier: 10, raw: 40, ratio: 0.25 });
  assert.equal(
    tableMarkdown(table),
    [
      '| sound | audio (s) | Atelier (ms) | raw (ms) | Atelier ÷ raw |',
      '| --- | ---: | ---: | ---: | ---: |',
      '| rain | 60.0 | 300 | 100 | 3.02 |',
      '| loop | — | 10 | 40 | 0.250 |',
    ].join('\n'),
  );
});

test('a row that compares with raw in a table without a raw or ratio column is refused', () => {
  assert.throws(
    () => recordTable({ bench: 'x', title: 't', columns: [{ key: 'atelier', name: 'Atelier' }], rows: [{ label: 'r', atelier: 1, raw: 2 }] }),
    /needs atelier, raw and ratio columns/,
  );
});

test('merging replaces the benches that ran and keeps every other bench untouched, in bench order', () => {
  const previous = mergeResults(undefined, [result('voice', 10, 5), result('web-host', 300, 100), result('synth', 50, 25)], ORDER);
  const fresh = result('synth', 40, 25, '2026-02-02T00:00:00.000Z');
  const merged = mergeResults(previous, [fresh], ORDER);
  assert.deepEqual(Object.keys(merged.benches), ['web-host', 'synth', 'voice']);
  assert.deepEqual(merged.benches['web-host'], previous.benches['web-host']);
  assert.deepEqual(merged.benches.voice, previous.benches.voice);
  assert.deepEqual(merged.benches.synth, fresh);
  // A bench no longer in the list keeps its entry, after the known ones.
  const withOld = mergeResults({ benches: { ...merged.benches, retired: result('retired', 1, 1) } }, [], ORDER);
  assert.deepEqual(Object.keys(withOld.benches), ['web-host', 'synth', 'voice', 'retired']);
});

test('the README section is replaced between the markers only', () => {
  const readme = `# Benchmarks\n\nHow to run.\n\n## Latest results\n\n${START_MARKER}\nold table\n${END_MARKER}\n\n## After\n\nKept text.\n`;
  const section = renderResults(mergeResults(undefined, [result('synth', 40, 20)], ORDER), ORDER);
  const updated = replaceSection(readme, section);
  assert.ok(updated.startsWith('# Benchmarks\n\nHow to run.\n\n## Latest results\n\n<!-- results:start -->\n'));
  assert.ok(updated.endsWith(`${END_MARKER}\n\n## After\n\nKept text.\n`));
  assert.ok(!updated.includes('old table'));
  assert.ok(updated.includes('| one | 40 | 20 | 2.00 |'));
  assert.ok(updated.includes('commit abc123 · Test CPU, 2 cores, 8 GiB'));
  // Replacing again with the same section changes nothing.
  assert.equal(replaceSection(updated, section), updated);
  // Without markers the section is appended; with one marker missing nothing is guessed.
  assert.ok(replaceSection('# Benchmarks\n', section).includes(`## Latest results\n\n${START_MARKER}`));
  assert.throws(() => replaceSection(`# B\n${START_MARKER}\n`, section), /markers/);
});

test('writing merges into the file on disk and regenerates only the README section', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-bench-report-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'results', 'latest.json');
  const readme = path.join(dir, 'README.md');
  await fs.writeFile(readme, `# Benchmarks\n\nWhat each bench measures.\n\n${START_MARKER}\n${END_MARKER}\n\nFooter.\n`);
  await writeResults({ file, readme, fresh: [result('voice', 10, 5), result('synth', 50, 25)], order: ORDER });
  await writeResults({ file, readme, fresh: [result('image-procedural', 200, 100)], order: ORDER });
  const stored = await readResults(file);
  assert.deepEqual(Object.keys(stored?.benches ?? {}), ['synth', 'image-procedural', 'voice']);
  assert.equal(stored?.benches.voice?.tables[0]?.rows[0]?.ratio, 2);
  const text = await fs.readFile(readme, 'utf8');
  assert.ok(text.startsWith('# Benchmarks\n\nWhat each bench measures.\n\n'));
  assert.ok(text.endsWith(`${END_MARKER}\n\nFooter.\n`));
  for (const name of ['### synth', '### image-procedural', '### voice']) assert.ok(text.includes(name), name);
  // A file that is not a results file is left as it was.
  await fs.writeFile(file, '{"something": "else"}');
  await assert.rejects(writeResults({ file, fresh: [result('voice', 1, 1)], order: ORDER }), /not a bench results file/);
  assert.equal(await fs.readFile(file, 'utf8'), '{"something": "else"}');
});
