import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dataHomeError } from '../../main/app/open-data-home.js';

const errno = (code: string) => Object.assign(new Error(`${code}: something, mkdir '/x'`), { code });

test('each way a data folder cannot be made gets a typed error that says what to do, never the errno alone', () => {
  const cases: [string, string, RegExp][] = [
    ['EEXIST', 'IO_ERROR', /a file is in the way/],
    ['ENOTDIR', 'IO_ERROR', /a file is in the way/],
    ['EACCES', 'IO_ERROR', /cannot be written: permission denied/],
    ['EPERM', 'IO_ERROR', /cannot be written: permission denied/],
    ['EROFS', 'IO_ERROR', /read-only disk/],
    ['ENOSPC', 'DISK_FULL', /disk is full/],
    ['EDQUOT', 'DISK_FULL', /disk is full/],
  ];
  for (const [code, expected, words] of cases) {
    const mapped = dataHomeError(errno(code), '/home/ana/.local/share/atelier');
    assert.equal(mapped?.code, expected, code);
    assert.match(mapped?.message ?? '', words, code);
    assert.match(mapped?.message ?? '', /\/home\/ana\/\.local\/share\/atelier/, `${code} names the folder`);
    assert.doesNotMatch(mapped?.message ?? '', new RegExp(code), `${code} is said in words, not as the errno`);
  }
  assert.equal(dataHomeError(errno('EIO'), '/x'), undefined, 'anything else is left as it is');
  assert.equal(dataHomeError(new Error('no code'), '/x'), undefined);
});
