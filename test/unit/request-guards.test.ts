import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allowedHosts, bearerMatches, hostAllowed, isWildcardAddress, originAllowed, websocketTokenMatches } from '../../main/hosts/web/request-guards.js';

const PORT = 4173;
const TOKEN = '3f9c1a0be7d24c55a1e0f6b2c8d9e4a7';

describe('allowedHosts', () => {
  test('127.0.0.1 also allows localhost, both with the port', () => {
    assert.deepEqual([...allowedHosts('127.0.0.1', PORT)].sort(), ['127.0.0.1:4173', 'localhost:4173']);
  });

  test('::1 is bracketed and also allows localhost', () => {
    assert.deepEqual([...allowedHosts('::1', PORT)].sort(), ['[::1]:4173', 'localhost:4173']);
  });

  test('another IPv6 address is bracketed and does not add localhost', () => {
    assert.deepEqual([...allowedHosts('fd00::5', 8080)], ['[fd00::5]:8080']);
  });

  test('a LAN address or a name allows only itself, lower-cased', () => {
    assert.deepEqual([...allowedHosts('192.168.1.20', PORT)], ['192.168.1.20:4173']);
    assert.deepEqual([...allowedHosts('Studio.LAN', PORT)], ['studio.lan:4173']);
  });
});

describe('hostAllowed', () => {
  const allowed = allowedHosts('127.0.0.1', PORT);

  test('accepts the bound address and localhost, in any case', () => {
    assert.equal(hostAllowed('127.0.0.1:4173', allowed), true);
    assert.equal(hostAllowed('localhost:4173', allowed), true);
    assert.equal(hostAllowed('LocalHost:4173', allowed), true);
  });

  test('refuses the wrong port or no port', () => {
    assert.equal(hostAllowed('127.0.0.1:4174', allowed), false);
    assert.equal(hostAllowed('127.0.0.1', allowed), false);
    assert.equal(hostAllowed('localhost', allowed), false);
  });

  test('refuses DNS rebinding names that resolve to us', () => {
    assert.equal(hostAllowed('evil.com:4173', allowed), false);
    assert.equal(hostAllowed('127.0.0.1.evil.com:4173', allowed), false);
    assert.equal(hostAllowed('localhost.evil.com:4173', allowed), false);
  });

  test('refuses a missing or empty Host header', () => {
    assert.equal(hostAllowed(undefined, allowed), false);
    assert.equal(hostAllowed('', allowed), false);
  });

  test('accepts a bracketed IPv6 host when bound to ::1', () => {
    const v6 = allowedHosts('::1', PORT);
    assert.equal(hostAllowed('[::1]:4173', v6), true);
    assert.equal(hostAllowed('::1:4173', v6), false);
  });

  test('on port 80 accepts the Host header browsers send, which omits the default port', () => {
    // RFC 9110 §7.2 / the URL standard: a browser at http://127.0.0.1:80/ sends `Host: 127.0.0.1`.
    const onDefaultPort = allowedHosts('127.0.0.1', 80);
    assert.equal(hostAllowed('127.0.0.1', onDefaultPort), true);
    assert.equal(hostAllowed('localhost', onDefaultPort), true);
  });
});

describe('originAllowed', () => {
  const allowed = allowedHosts('127.0.0.1', PORT);

  test('no Origin header (curl, the CLI) is fine', () => {
    assert.equal(originAllowed(undefined, allowed), true);
  });

  test('our own origin is fine, by address or localhost', () => {
    assert.equal(originAllowed('http://127.0.0.1:4173', allowed), true);
    assert.equal(originAllowed('http://localhost:4173', allowed), true);
  });

  test('another port or https is refused', () => {
    assert.equal(originAllowed('http://127.0.0.1:4174', allowed), false);
    assert.equal(originAllowed('http://127.0.0.1', allowed), false);
    assert.equal(originAllowed('https://127.0.0.1:4173', allowed), false);
  });

  test('the opaque origin "null" is refused', () => {
    assert.equal(originAllowed('null', allowed), false);
  });

  test('look-alike hosts are refused', () => {
    assert.equal(originAllowed('http://127.0.0.1.evil.com:4173', allowed), false);
    assert.equal(originAllowed('http://evil.com:4173', allowed), false);
    assert.equal(originAllowed('http://user@127.0.0.1:4173', allowed), false);
  });

  test('values that are not a bare origin are refused', () => {
    assert.equal(originAllowed('http://127.0.0.1:4173/path', allowed), false);
    assert.equal(originAllowed('http://127.0.0.1:4173/', allowed), false);
    assert.equal(originAllowed('not a url', allowed), false);
    assert.equal(originAllowed('', allowed), false);
    assert.equal(originAllowed('file:///etc/passwd', allowed), false);
  });

  test('on port 80 our own origin, serialized without the default port, is fine', () => {
    // Browsers send `Origin: http://127.0.0.1` for a page loaded from http://127.0.0.1:80/.
    assert.equal(originAllowed('http://127.0.0.1', allowedHosts('127.0.0.1', 80)), true);
  });
});

describe('bearerMatches', () => {
  test('accepts exactly "Bearer <token>"', () => {
    assert.equal(bearerMatches(`Bearer ${TOKEN}`, TOKEN), true);
  });

  test('refuses a wrong token, a prefix of the token and a longer token', () => {
    assert.equal(bearerMatches('Bearer 0000', TOKEN), false);
    assert.equal(bearerMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN), false);
    assert.equal(bearerMatches(`Bearer ${TOKEN}0`, TOKEN), false);
  });

  test('refuses other schemes and malformed spacing', () => {
    assert.equal(bearerMatches(`Basic ${TOKEN}`, TOKEN), false);
    assert.equal(bearerMatches(TOKEN, TOKEN), false);
    assert.equal(bearerMatches(`Bearer  ${TOKEN}`, TOKEN), false);
    assert.equal(bearerMatches(` Bearer ${TOKEN}`, TOKEN), false);
    assert.equal(bearerMatches(`Bearer ${TOKEN} `, TOKEN), false);
    assert.equal(bearerMatches(`Bearer ${TOKEN}\n`, TOKEN), false);
  });

  test('refuses a missing or empty header', () => {
    assert.equal(bearerMatches(undefined, TOKEN), false);
    assert.equal(bearerMatches('', TOKEN), false);
    assert.equal(bearerMatches('Bearer ', TOKEN), false);
    assert.equal(bearerMatches('Bearer', TOKEN), false);
  });
});

describe('websocketTokenMatches', () => {
  test('accepts the token offered as a bearer.<token> subprotocol next to atelier', () => {
    assert.equal(websocketTokenMatches(`atelier, bearer.${TOKEN}`, TOKEN), true);
    assert.equal(websocketTokenMatches(`bearer.${TOKEN}`, TOKEN), true);
    assert.equal(websocketTokenMatches(`bearer.${TOKEN},atelier`, TOKEN), true);
  });

  test('refuses a wrong or partial token', () => {
    assert.equal(websocketTokenMatches('atelier, bearer.0000', TOKEN), false);
    assert.equal(websocketTokenMatches(`atelier, bearer.${TOKEN.slice(1)}`, TOKEN), false);
    assert.equal(websocketTokenMatches('atelier, bearer.', TOKEN), false);
  });

  test('refuses the token without the bearer. prefix, or with another prefix', () => {
    assert.equal(websocketTokenMatches(`atelier, ${TOKEN}`, TOKEN), false);
    assert.equal(websocketTokenMatches(`atelier, Bearer.${TOKEN}`, TOKEN), false);
    assert.equal(websocketTokenMatches(`atelier, xbearer.${TOKEN}`, TOKEN), false);
  });

  test('refuses a missing or empty header', () => {
    assert.equal(websocketTokenMatches(undefined, TOKEN), false);
    assert.equal(websocketTokenMatches('', TOKEN), false);
    assert.equal(websocketTokenMatches('atelier', TOKEN), false);
  });
});

describe('isWildcardAddress', () => {
  test('recognizes the any-address forms', () => {
    assert.equal(isWildcardAddress('0.0.0.0'), true);
    assert.equal(isWildcardAddress('::'), true);
    assert.equal(isWildcardAddress('[::]'), true);
  });

  test('recognizes the shorthand spellings the resolver accepts', () => {
    for (const spelling of ['0', '0x0', '000.000.000.000', '0.0', '::0', '0:0:0:0:0:0:0:0', '::ffff:0.0.0.0', '0000::', ' 0.0.0.0 ']) {
      assert.equal(isWildcardAddress(spelling), true, spelling);
    }
  });

  test('specific addresses are not wildcards', () => {
    assert.equal(isWildcardAddress('127.0.0.1'), false);
    assert.equal(isWildcardAddress('::1'), false);
    assert.equal(isWildcardAddress('192.168.1.20'), false);
    assert.equal(isWildcardAddress('localhost'), false);
  });
});
