import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { runProcess } from '../../scripts/test-file.mjs';

/** Running, not merely a zombie waiting for an init that may never reap it (containers). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = fs.existsSync(`/proc/${pid}/stat`) ? fs.readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
  return !/^\d+ \(.*\) Z/.test(stat);
}

test('a test process still running at its deadline is stopped with its children, and fails with a word on why', async () => {
  // A file that hangs the way a server that never closes does: a child holding it open, forever.
  const script = `const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log('grandchild ' + child.pid);
setInterval(() => {}, 1000);`;
  const result = await runProcess([process.execPath, '-e', script], { timeoutSeconds: 2 });
  assert.equal(result.code, 124);
  assert.match(result.output, /still running after 2 s/);
  const grandchild = Number(/grandchild (\d+)/.exec(result.output)?.[1]);
  assert.ok(grandchild > 0, result.output);
  assert.equal(alive(grandchild), false, 'the hanging file’s child was stopped too');
});

test('a process that ends in time keeps its own exit code and output', async () => {
  const result = await runProcess([process.execPath, '-e', 'console.log("done"); process.exitCode = 3'], { timeoutSeconds: 30 });
  assert.equal(result.code, 3);
  assert.equal(result.output.trim(), 'done');
});
