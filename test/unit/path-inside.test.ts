import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { isInside, resolveInside } from '../../main/core/security/path-inside.js';

const root = path.resolve('/srv/atelier-root');

function assertForbidden(relative: string): void {
  assert.throws(
    () => resolveInside(root, relative),
    (error: unknown) => error instanceof AtelierError && error.code === 'FORBIDDEN',
    `expected FORBIDDEN for ${JSON.stringify(relative)}`,
  );
}

describe('resolveInside', () => {
  test('accepts a plain file name and nested paths', () => {
    assert.equal(resolveInside(root, 'index.html'), path.join(root, 'index.html'));
    assert.equal(resolveInside(root, 'assets/img/a.png'), path.join(root, 'assets', 'img', 'a.png'));
  });

  test('accepts paths whose dot segments stay inside the root', () => {
    assert.equal(resolveInside(root, 'a/./b/../c.txt'), path.join(root, 'a', 'c.txt'));
  });

  test('accepts names that merely begin with two dots', () => {
    // `..notes.txt` and `a/..b` are ordinary names inside the root, not parent references.
    assert.equal(resolveInside(root, '..notes.txt'), path.join(root, '..notes.txt'));
    assert.equal(resolveInside(root, '...'), path.join(root, '...'));
  });

  test('accepts a relative root and returns an absolute path', () => {
    const resolved = resolveInside('some/folder', 'x.txt');
    assert.ok(path.isAbsolute(resolved));
    assert.equal(resolved, path.resolve('some/folder', 'x.txt'));
  });

  test('refuses parent-directory escapes', () => {
    assertForbidden('..');
    assertForbidden('../secret');
    assertForbidden('a/../../b');
    assertForbidden('a/b/../../../etc/passwd');
  });

  test('refuses a sibling folder that shares the root as a name prefix', () => {
    assertForbidden('../atelier-root-evil/x');
  });

  test('refuses absolute paths, drive letters and UNC paths', () => {
    assertForbidden('/etc/passwd');
    assertForbidden('C:\\x');
    assertForbidden('c:/x');
    assertForbidden('C:x');
    assertForbidden('\\\\server\\share\\x');
    assertForbidden('\\x');
  });

  test('refuses NUL bytes', () => {
    assertForbidden('a\0.txt');
    assertForbidden('\0');
  });

  test('refuses the root itself', () => {
    assertForbidden('');
    assertForbidden('.');
    assertForbidden('./');
    assertForbidden('a/..');
  });

  test('error messages name the offending path', () => {
    assert.throws(() => resolveInside(root, '../nope'), /\.\.\/nope/);
  });
});

describe('isInside', () => {
  test('true for files strictly below the root', () => {
    assert.equal(isInside(root, path.join(root, 'a')), true);
    assert.equal(isInside(root, path.join(root, 'a', 'b', 'c')), true);
  });

  test('false for the root itself, its parent and siblings', () => {
    assert.equal(isInside(root, root), false);
    assert.equal(isInside(root, path.dirname(root)), false);
    assert.equal(isInside(root, `${root}-evil/file`), false);
    assert.equal(isInside(root, path.join(root, '..', 'other')), false);
  });

  test('true for an entry whose name begins with two dots', () => {
    assert.equal(isInside(root, path.join(root, '..cache')), true);
  });

  test('normalizes before comparing', () => {
    assert.equal(isInside(`${root}/`, `${root}/x/../y`), true);
    assert.equal(isInside(root, `${root}/x/../..`), false);
  });
});
