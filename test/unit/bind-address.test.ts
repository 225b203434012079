import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { isUnspecifiedAddress, parseAddress, resolveBindAddress } from '../../main/hosts/web/bind-address.js';

// The resolver reads inet_aton shorthand and every IPv6 spelling, so a string test for
// "0.0.0.0" lets `0`, `0x0` or `::ffff:0.0.0.0` listen on every network.
const UNSPECIFIED = [
  '0',
  '0.0.0.0',
  '0x0',
  '0X0',
  '0x',
  '00',
  '000.000.000.000',
  '0.0',
  '0.0.0',
  '0x0.0x0.0x0.0x0',
  '00000000000',
  '0x00000000',
  '0.0.0.0.',
  '0.1.2.3',
  '0.255.255.255',
  '::',
  '::0',
  '0::',
  '0000::',
  '0:0:0:0:0:0:0:0',
  '0000:0000:0000:0000:0000:0000:0000:0000',
  '[::]',
  '[::0]',
  '::0.0.0.0',
  '::ffff:0.0.0.0',
  '::ffff:0:0',
  '[::ffff:0.0.0.0]',
  '::%lo',
];

const TABLE: [string, string, 'loopback' | 'network'][] = [
  ['127.0.0.1', '127.0.0.1', 'loopback'],
  ['127.1', '127.0.0.1', 'loopback'],
  ['0x7f.1', '127.0.0.1', 'loopback'],
  ['0x7f000001', '127.0.0.1', 'loopback'],
  ['2130706433', '127.0.0.1', 'loopback'],
  ['0177.0.0.1', '127.0.0.1', 'loopback'],
  ['017700000001', '127.0.0.1', 'loopback'],
  ['127.0.1', '127.0.0.1', 'loopback'],
  ['127.2.3.4', '127.2.3.4', 'loopback'],
  ['::1', '::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', '::1', 'loopback'],
  ['[::1]', '::1', 'loopback'],
  ['::ffff:127.0.0.1', '::ffff:127.0.0.1', 'loopback'],
  ['::FFFF:7f00:1', '::ffff:127.0.0.1', 'loopback'],
  ['192.168.1.5', '192.168.1.5', 'network'],
  ['192.168.0x1.05', '192.168.1.5', 'network'],
  ['3232235781', '192.168.1.5', 'network'],
  ['10.1', '10.0.0.1', 'network'],
  ['fd00::2', 'fd00::2', 'network'],
  ['FD00:0:0:0:0:0:0:2', 'fd00::2', 'network'],
  ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1', 'network'],
  ['fe80::1%eth0', 'fe80::1%eth0', 'network'],
  ['::ffff:192.168.1.5', '::ffff:192.168.1.5', 'network'],
];

describe('parseAddress canonicalises every spelling the resolver accepts', () => {
  for (const spelling of UNSPECIFIED) {
    test(`${spelling} is the unspecified address`, () => {
      assert.equal(parseAddress(spelling)?.kind, 'unspecified');
      assert.equal(isUnspecifiedAddress(spelling), true);
    });
  }
  for (const [spelling, canonical, kind] of TABLE) {
    test(`${spelling} → ${canonical} (${kind})`, () => {
      const parsed = parseAddress(spelling);
      assert.equal(parsed?.canonical, canonical);
      assert.equal(parsed?.kind, kind);
    });
  }
  for (const notAnAddress of [
    '256.0.0.1',
    '1.2.3.4.5',
    '0x100000000',
    '08.1.1.1',
    '1..1',
    '::g',
    '1:2:3:4:5:6:7:8:9',
    'localhost',
    '',
    ' 0',
    '0 ',
    '0.0.0.0 x',
  ]) {
    test(`${JSON.stringify(notAnAddress)} is not an address literal`, () => assert.equal(parseAddress(notAnAddress), null));
  }
});

describe('resolveBindAddress', () => {
  const refused = (host: string) =>
    assert.rejects(resolveBindAddress(host), (error: unknown) => error instanceof AtelierError && error.code === 'INVALID_INPUT');

  test('refuses every spelling of the unspecified address with a typed error that says why', async () => {
    for (const spelling of UNSPECIFIED) await refused(spelling);
    await assert.rejects(resolveBindAddress('0x0'), /unspecified address \(0\.0\.0\.0\)/);
    await assert.rejects(resolveBindAddress('::ffff:0.0.0.0'), /unspecified address \(::\)/);
  });

  test('refuses text that is neither an address nor a host name, and numbers that are not addresses', async () => {
    for (const bad of ['256.0.0.1', '1.2.3.4.5', '0.0.0.0 x', 'a b', 'exa_mple', '-x', 'x..y', '1.2.3.999', '0x100000000']) await refused(bad);
  });

  test('canonicalises loopback shorthand; localhost binds 127.0.0.1 and stays an allowed name', async () => {
    assert.deepEqual(await resolveBindAddress('127.1'), { address: '127.0.0.1', names: [], exposure: 'loopback' });
    assert.deepEqual(await resolveBindAddress('0x7f.1'), { address: '127.0.0.1', names: [], exposure: 'loopback' });
    assert.deepEqual(await resolveBindAddress('[::1]'), { address: '::1', names: [], exposure: 'loopback' });
    assert.deepEqual(await resolveBindAddress('LocalHost.'), { address: '127.0.0.1', names: ['localhost'], exposure: 'loopback' });
  });

  test('a LAN address is network exposure', async () => {
    assert.deepEqual(await resolveBindAddress('192.168.0x1.5'), { address: '192.168.1.5', names: [], exposure: 'network' });
  });

  test('a name that resolves to nothing is refused', async () => {
    await refused('no-such-host.invalid');
  });
});
