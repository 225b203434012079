import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, tempHome } from '../support/web-host.js';

/** Every command and subcommand the CLI has, as typed after `atelier`. */
const COMMANDS = [
  'serve',
  'text',
  'image',
  'sfx',
  'voice',
  'voices',
  'transcribe',
  'models',
  'models list',
  'models catalog',
  'models download',
  'models import',
  'models use',
  'models remove',
  'project',
  'project new',
  'project list',
  'project show',
  'project export',
  'project import',
  'export',
  'import',
  'remotes',
  'remotes list',
  'remotes add',
  'remotes remove',
  'remotes test',
];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

let root: string;
let home: string;
let cwd: string;

before(async () => {
  root = await tempHome('atelier-cli-help-');
  home = path.join(root, 'home');
  cwd = path.join(root, 'cwd');
  await fs.mkdir(home);
  await fs.mkdir(cwd);
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** The real CLI in an empty folder with an empty data folder; stdin closed, so nothing waits on a prompt. */
function atelier(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ATELIER_HOME: home }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

/** Runs `jobs` two at a time: the machine is shared, and each is a whole node process. */
async function inPairs<T>(items: T[], run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    [0, 1].map(async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
    }),
  );
}

async function nothingWritten(what: string): Promise<void> {
  assert.deepEqual(await fs.readdir(home), [], `${what} wrote nothing in ATELIER_HOME`);
  assert.deepEqual(await fs.readdir(cwd), [], `${what} wrote nothing in the current folder`);
}

describe('every command answers --help and -h with its usage, and does nothing else', () => {
  // -h is the same flag to the parser; one command of each kind keeps the run short.
  const SHORT_SAMPLE = ['serve', 'voices', 'models download', 'project', 'project export', 'remotes add', 'import'];
  for (const flag of ['--help', '-h']) {
    test(`atelier X ${flag}${flag === '-h' ? ' (a sample)' : ''}`, async () => {
      await inPairs(flag === '-h' ? SHORT_SAMPLE : COMMANDS, async (command) => {
        const args = [...command.split(' '), flag];
        const run = await atelier(args);
        const what = `atelier ${args.join(' ')}`;
        assert.equal(run.status, 0, `${what}: exit ${run.status}\n${run.stderr}`);
        assert.equal(run.stderr, '', `${what}: nothing on stderr`);
        assert.ok(run.stdout.startsWith(`atelier ${command} `), `${what} prints its own usage first:\n${run.stdout}`);
        assert.ok(run.stdout.endsWith('\n'));
        await nothingWritten(what);
      });
    });
  }

  test('help wins over missing arguments, other flags and unknown ones', async () => {
    for (const args of [
      ['project', 'export', '--help'],
      ['project', 'export', 'No Such Story', '--format', 'pdf', '--frobnicate', '-h'],
      ['export', '--format', 'gif', '--help'],
      ['models', 'remove', 'some-model', '--yes', '--help'],
      ['voice', '-o', 'out.wav', '--help', 'words'],
      ['serve', '--port', '0', '--help'],
    ]) {
      const run = await atelier(args);
      assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
      assert.ok(run.stdout.startsWith(`atelier ${args[0]}`), run.stdout);
      await nothingWritten(args.join(' '));
    }
    // After `--`, `--help` is an argument, not a flag.
    const literal = await atelier(['project', 'show', '--', '--help']);
    assert.equal(literal.status, 1);
    assert.match(literal.stderr, /^atelier: NOT_FOUND: no project with the id or title "--help"/);
    // That one did open the studio: start the next tests from an empty data folder again.
    await fs.rm(home, { recursive: true, force: true });
    await fs.mkdir(home);
  });

  test('the group usages list their subcommands, and top-level help lists every command', async () => {
    for (const group of ['models', 'project', 'remotes']) {
      const run = await atelier([group, '--help']);
      const subs = COMMANDS.filter((c) => c.startsWith(`${group} `)).map((c) => c.split(' ')[1] as string);
      for (const sub of subs) assert.match(run.stdout, new RegExp(`^  ${sub} `, 'm'), `${group} --help lists ${sub}`);
    }
    const top = await atelier(['--help']);
    for (const command of COMMANDS.filter((c) => !c.includes(' '))) assert.match(top.stdout, new RegExp(`^  ${command} `, 'm'));
  });
});

describe('an unknown flag is one line on stderr and exit 2', () => {
  test('atelier X --frobnicate, for every command and subcommand', async () => {
    await inPairs(COMMANDS, async (command) => {
      const args = [...command.split(' '), '--frobnicate'];
      const run = await atelier(args);
      const what = `atelier ${args.join(' ')}`;
      assert.equal(run.status, 2, `${what}: exit ${run.status}\n${run.stdout}${run.stderr}`);
      assert.equal(run.stdout, '', `${what}: nothing on stdout`);
      assert.equal(run.stderr, `atelier: unknown option '--frobnicate' for '${command}'. See 'atelier ${command} --help'.\n`);
      await nothingWritten(what);
    });
  });

  test('among real arguments, as a short flag, and at the top level', async () => {
    const exportRun = await atelier(['project', 'export', 'Harbour Night', '--format', 'md', '-o', 'story.md', '--frobnicate']);
    assert.equal(exportRun.status, 2);
    assert.equal(exportRun.stderr, "atelier: unknown option '--frobnicate' for 'project export'. See 'atelier project export --help'.\n");
    const short = await atelier(['sfx', 'rain', '-Z', '-o', 'x.wav']);
    assert.equal(short.status, 2);
    assert.equal(short.stderr, "atelier: unknown option '-Z' for 'sfx'. See 'atelier sfx --help'.\n");
    const top = await atelier(['--frobnicate']);
    assert.equal(top.status, 2);
    assert.equal(top.stderr, "atelier: unknown option '--frobnicate'. See 'atelier --help'.\n");
    const missingValue = await atelier(['export', '--format']);
    assert.equal(missingValue.status, 2);
    assert.equal(missingValue.stderr, "atelier: option '--format' of 'export' needs a value. See 'atelier export --help'.\n");
    const flagValue = await atelier(['voices', '--json=yes']);
    assert.equal(flagValue.status, 2);
    assert.equal(flagValue.stderr, "atelier: option '--json' of 'voices' takes no value. See 'atelier voices --help'.\n");
    const unknownSub = await atelier(['project', 'frobnicate']);
    assert.equal(unknownSub.status, 2);
    assert.equal(unknownSub.stderr.split('\n').length, 2, 'one line');
    assert.match(unknownSub.stderr, /^atelier: unknown project subcommand 'frobnicate'\. Try: new, list, show, export, import\./);
    await nothingWritten('the refused commands');
  });
});
