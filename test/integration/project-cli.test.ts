import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ProjectSummary } from '../../preload/contract.js';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { runCli, tempHome } from '../support/web-host.js';

interface ShownScene {
  id: string;
  title: string;
  text: string;
  image: string | null;
  narration: string | null;
  bed: string | null;
}
interface Shown {
  id: string;
  title: string;
  path: string;
  scenes: ShownScene[];
}

let home: string;
let out: string;
let created: { id: string; path: string };

const cli = (...args: string[]) => runCli(args, { ATELIER_HOME: home });

function ok(result: ReturnType<typeof cli>): string {
  assert.equal(result.status, 0, `exit ${result.status}\n${result.stderr}`);
  return result.stdout;
}

/** One line on stderr naming the code, and a non-zero exit. */
function failsWith(result: ReturnType<typeof cli>, code: string, message: RegExp): void {
  assert.notEqual(result.status, 0);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] as string, new RegExp(`^atelier: ${code}: `));
  assert.match(lines[0] as string, message);
}

const show = (ref: string) => JSON.parse(ok(cli('project', 'show', ref, '--json'))) as Shown;

before(async () => {
  await ensureFixtures({ only: ['tiny-llama'] });
  home = await tempHome('atelier-project-cli-');
  out = path.join(home, 'out');
  await fs.mkdir(out);
  // Small engine settings, so the fixture model loads fast on a shared machine.
  await fs.writeFile(path.join(home, 'settings.json'), JSON.stringify({ threads: 2, contextSize: 1024 }));
});

after(async () => {
  await fs.rm(home, { recursive: true, force: true });
});

describe('atelier project', () => {
  test('new --from-prompt writes, illustrates and narrates the scenes, printing progress on stderr', () => {
    const result = cli(
      'project',
      'new',
      'Harbour Night',
      '--from-prompt',
      'A lighthouse keeper finds a lost fox',
      '--scenes',
      '3',
      '--seed',
      '5',
      '--text-model',
      fixturePath('tiny-llama'),
    );
    const stdout = ok(result);
    const match = /^Created "Harbour Night" \(3 scenes, 6 assets\) as ([0-9a-f-]{36}) in (.+)\n$/.exec(stdout);
    assert.ok(match, stdout);
    created = { id: match[1] as string, path: match[2] as string };
    assert.match(result.stderr, /storyboard: Writing the scenes/);
    assert.match(result.stderr, /storyboard: Scene 3 of 3: narration/);
    assert.match(result.stderr, /storyboard: 3 scenes illustrated and narrated \(100%\)/);
  });

  test('list shows it, as a table and as JSON', () => {
    const listed = JSON.parse(ok(cli('project', 'list', '--json'))) as ProjectSummary[];
    const found = listed.find((p) => p.id === created.id);
    assert.equal(found?.title, 'Harbour Night', 'the title given wins over the one the model wrote');
    assert.equal(found?.sceneCount, 3);
    assert.equal(found?.path, created.path);
    assert.match(ok(cli('project', 'list')), new RegExp(`${created.id}\\s+Harbour Night\\s+3\\s+6`));
  });

  test('show --json names each scene with its text and its image and narration files', async () => {
    const shown = show('harbour night');
    assert.equal(shown.id, created.id);
    assert.equal(shown.scenes.length, 3);
    for (const scene of shown.scenes) {
      assert.equal(scene.text, TINY_LLAMA_SENTENCE);
      assert.ok(scene.title.length > 0);
      assert.equal(scene.bed, null);
      const png = await fs.readFile(scene.image as string);
      assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      assert.ok(path.dirname(scene.image as string).startsWith(created.path));
      const wav = await fs.readFile(scene.narration as string);
      assert.equal(wav.subarray(0, 4).toString('latin1'), 'RIFF');
      assert.ok(wav.length > 10_000, 'a sentence of speech');
    }
    const human = ok(cli('project', 'show', created.id));
    assert.match(human, /^Harbour Night {2}\(/);
    assert.equal(human.match(/ {3}image: {5}\//g)?.length, 3);
    assert.equal(human.match(/ {3}narration: \//g)?.length, 3);
  });

  test('export zip, then import it back: the same storyboard with the same files', async () => {
    const wrote = ok(cli('project', 'export', 'Harbour Night', '--format', 'zip', '-o', path.join(out, 'harbour.zip')));
    const bundle = /^Wrote (.+) \(/.exec(wrote)?.[1] as string;
    assert.equal(bundle, path.join(out, 'harbour.zip'), 'the bundle has exactly the name -o gave');
    assert.equal(spawnSync('unzip', ['-tq', bundle]).status, 0);

    const imported = ok(cli('project', 'import', bundle, '--title', 'Harbour Copy'));
    const copyId = /as ([0-9a-f-]{36}) in /.exec(imported)?.[1] as string;
    assert.ok(copyId, imported);
    assert.notEqual(copyId, created.id);
    const original = show(created.id);
    const copy = show('Harbour Copy');
    assert.equal(copy.title, 'Harbour Copy');
    assert.deepEqual(
      copy.scenes.map((s) => [s.id, s.title, s.text]),
      original.scenes.map((s) => [s.id, s.title, s.text]),
    );
    for (const [index, scene] of copy.scenes.entries()) {
      const from = original.scenes[index] as ShownScene;
      assert.ok(scene.image?.startsWith(copy.path) && scene.narration?.startsWith(copy.path));
      assert.deepEqual(await fs.readFile(scene.image as string), await fs.readFile(from.image as string));
      assert.deepEqual(await fs.readFile(scene.narration as string), await fs.readFile(from.narration as string));
    }
  });

  test('`atelier export` and `atelier import` still work as before', () => {
    const wrote = ok(cli('export', '--project', created.id, '--format', 'md', '--out', `${out}/`));
    const file = /^Wrote (.+) \(/.exec(wrote)?.[1] as string;
    assert.ok(file.startsWith(out));
    assert.equal(ok(cli('import', '--help')).includes('atelier import BUNDLE.zip'), true);
  });

  test('new without a prompt makes an empty project', () => {
    const stdout = ok(cli('project', 'new', 'Quiet Bay'));
    assert.match(stdout, /^Created "Quiet Bay" as [0-9a-f-]{36} in .+Quiet Bay\.atelier\n$/);
    assert.deepEqual(show('Quiet Bay').scenes, []);
  });

  test('unknown projects and bad arguments are one clear line and a non-zero exit', () => {
    failsWith(cli('project', 'show', 'No Such Story'), 'NOT_FOUND', /no project with the id or title "No Such Story"/);
    failsWith(cli('project', 'export', 'No Such Story', '--format', 'zip', '-o', out), 'NOT_FOUND', /No Such Story/);
    failsWith(cli('project', 'import', path.join(out, 'missing.zip')), 'NOT_FOUND', /missing\.zip/);
    const before = (JSON.parse(ok(cli('project', 'list', '--json'))) as unknown[]).length;
    failsWith(cli('project', 'new', 'Lost', '--from-prompt', 'x', '--text-model', path.join(out, 'nothing.gguf')), 'MODEL_NOT_FOUND', /nothing\.gguf/);
    assert.equal((JSON.parse(ok(cli('project', 'list', '--json'))) as unknown[]).length, before, 'a refused run leaves no project behind');

    const usage = cli('project', 'new');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /give the project a title/);
    assert.equal(cli('project', 'new', 'T', '--scenes', '3').status, 2);
    assert.match(cli('project', 'new', 'T', '--from-prompt', 'x', '--scenes', '99').stderr, /--scenes must be a whole number from 1 to 12/);
    assert.match(cli('project', 'frobnicate').stderr, /unknown project subcommand 'frobnicate'/);
  });
});
