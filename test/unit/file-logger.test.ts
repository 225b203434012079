import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { createFileLogger } from '../../main/platform/log.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
let counter = 0;

function freshLogs(): string {
  counter += 1;
  return path.join(root as string, `case-${counter}`, 'logs');
}

function linesIn(logs: string): Record<string, unknown>[] {
  const text = fs.readFileSync(path.join(logs, 'atelier.log'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

before(async () => {
  root = await makeTemp('atelier-log-');
});
after(async () => {
  await removeTemp(root);
});

describe('the file log', () => {
  test('a line is on disk when the call returns, as one JSON object with its level, area and extras', () => {
    const logs = freshLogs();
    const log = createFileLogger(logs);
    log.info('studio', 'started', { port: 8080 });
    log.error('web', 'boom\nsecond line');
    // No wait, no close: a reader (or a crash) right now sees both lines.
    const [first, second] = linesIn(logs);
    assert.deepEqual({ ...first, time: undefined }, { time: undefined, level: 'info', area: 'studio', message: 'started', port: 8080 });
    assert.equal(second?.level, 'error');
    assert.equal(second?.message, 'boom\nsecond line');
    assert.ok(!Number.isNaN(Date.parse(String(first?.time))));
    log.close();
  });

  test('a line logged just before process.exit survives it', () => {
    const logs = freshLogs();
    const module = pathToFileURL(path.resolve('main/platform/log.ts')).href;
    const script = `import { createFileLogger } from ${JSON.stringify(module)};
const log = createFileLogger(${JSON.stringify(logs)});
for (let i = 0; i < 200; i += 1) log.warn('engine', 'line ' + i + ' ' + 'x'.repeat(2000));
log.error('cli', 'the last words');
process.exit(1);`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(child.status, 1, child.stderr);
    const lines = linesIn(logs);
    assert.equal(lines.length, 201);
    assert.equal(lines.at(-1)?.message, 'the last words');
  });

  test('after close, lines are dropped without a throw and never reach a file opened since', () => {
    const logs = freshLogs();
    const log = createFileLogger(logs);
    log.info('studio', 'before');
    log.close();
    log.close();
    // The closed descriptor's number is likely to be handed to the next file opened.
    const other = path.join(path.dirname(logs), 'other.txt');
    const fd = fs.openSync(other, 'a');
    try {
      log.warn('studio', 'after');
    } finally {
      fs.closeSync(fd);
    }
    assert.equal(fs.readFileSync(other, 'utf8'), '');
    assert.deepEqual(
      linesIn(logs).map((line) => line.message),
      ['before'],
    );
  });

  test('a log that cannot be opened costs the lines, not the caller', () => {
    const logs = freshLogs();
    // A folder where the file should be: open() fails with EISDIR.
    fs.mkdirSync(path.join(logs, 'atelier.log'), { recursive: true });
    const log = createFileLogger(logs);
    assert.doesNotThrow(() => log.error('studio', 'nowhere to go'));
    log.close();
  });
});

describe('the file log’s size', () => {
  test('past its size the log becomes atelier.1.log, replacing the older one, and a new one starts', () => {
    const logs = freshLogs();
    const log = createFileLogger(logs, { rotateAtBytes: 4096 });
    for (let i = 0; i < 100; i += 1) log.info('engine', `line ${i} ${'x'.repeat(100)}`);
    log.close();
    const files = fs.readdirSync(logs).sort();
    assert.deepEqual(files, ['atelier.1.log', 'atelier.log']);
    const currentBytes = fs.statSync(path.join(logs, 'atelier.log')).size;
    const olderBytes = fs.statSync(path.join(logs, 'atelier.1.log')).size;
    assert.ok(currentBytes < 4096 && olderBytes >= 4096 && olderBytes < 4096 + 200, `${currentBytes} and ${olderBytes} bytes`);
    // The two hold an unbroken run of the newest lines: none lost at the switch, the newest last.
    const older = fs.readFileSync(path.join(logs, 'atelier.1.log'), 'utf8').split('\n').filter(Boolean);
    const numbers = [...older.map((line) => JSON.parse(line) as Record<string, unknown>), ...linesIn(logs)].map((line) =>
      Number(/line (\d+)/.exec(String(line.message))?.[1]),
    );
    assert.ok(numbers.length >= 25, `${numbers.length} lines kept`);
    assert.deepEqual(
      numbers,
      Array.from({ length: numbers.length }, (_, i) => 100 - numbers.length + i),
    );
    assert.equal((fs.statSync(path.join(logs, 'atelier.1.log')).mode & 0o777).toString(8), '600');
  });

  test('a log already over the size at start is set aside before the first line', () => {
    const logs = freshLogs();
    fs.mkdirSync(logs, { recursive: true });
    fs.writeFileSync(path.join(logs, 'atelier.log'), 'x'.repeat(5000));
    const log = createFileLogger(logs, { rotateAtBytes: 4096 });
    log.info('studio', 'started');
    log.close();
    assert.equal(fs.statSync(path.join(logs, 'atelier.1.log')).size, 5000);
    assert.deepEqual(
      linesIn(logs).map((line) => line.message),
      ['started'],
    );
  });
});
