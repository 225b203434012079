import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RENDERER_ORIGIN, isAllowedExternalUrl, isTrustedRendererUrl, parseAssetUrl, rendererRelativePath } from '../../main/hosts/electron/trusted-urls.js';

describe('isTrustedRendererUrl', () => {
  test('accepts pages of app://renderer', () => {
    assert.equal(isTrustedRendererUrl(`${RENDERER_ORIGIN}/`), true);
    assert.equal(isTrustedRendererUrl(`${RENDERER_ORIGIN}/index.html#/projects`), true);
  });

  test('refuses other schemes, hosts and junk', () => {
    assert.equal(isTrustedRendererUrl(undefined), false);
    assert.equal(isTrustedRendererUrl(''), false);
    assert.equal(isTrustedRendererUrl('app://evil/index.html'), false);
    assert.equal(isTrustedRendererUrl('app://renderer.evil/index.html'), false);
    assert.equal(isTrustedRendererUrl('https://renderer/index.html'), false);
    assert.equal(isTrustedRendererUrl('file:///app/renderer/index.html'), false);
    assert.equal(isTrustedRendererUrl('http://127.0.0.1:4173/'), false);
    assert.equal(isTrustedRendererUrl('renderer'), false);
  });
});

describe('isAllowedExternalUrl', () => {
  test('accepts https pages and mail addresses', () => {
    assert.equal(isAllowedExternalUrl('https://example.com/docs?q=1'), true);
    assert.equal(isAllowedExternalUrl('mailto:someone@example.com'), true);
  });

  test('refuses script, file, data and other schemes', () => {
    assert.equal(isAllowedExternalUrl('javascript:alert(1)'), false);
    assert.equal(isAllowedExternalUrl('JavaScript:alert(1)'), false);
    assert.equal(isAllowedExternalUrl('file:///etc/passwd'), false);
    assert.equal(isAllowedExternalUrl('data:text/html,<script>alert(1)</script>'), false);
    assert.equal(isAllowedExternalUrl('app://renderer/index.html'), false);
    assert.equal(isAllowedExternalUrl('smb://server/share'), false);
    assert.equal(isAllowedExternalUrl('http://example.com/'), false, 'plain http is not opened either');
    assert.equal(isAllowedExternalUrl('mailto:javascript:alert(1)'), false);
  });

  test('refuses credentials in the URL', () => {
    assert.equal(isAllowedExternalUrl('https://user:pass@example.com/'), false);
    assert.equal(isAllowedExternalUrl('https://user@example.com/'), false);
    assert.equal(isAllowedExternalUrl('https://:pass@example.com/'), false);
  });

  test('refuses things that are not URLs', () => {
    assert.equal(isAllowedExternalUrl(''), false);
    assert.equal(isAllowedExternalUrl('example.com'), false);
    assert.equal(isAllowedExternalUrl('https://'), false);
  });
});

describe('rendererRelativePath', () => {
  test('the bare origin and / map to index.html', () => {
    assert.equal(rendererRelativePath('app://renderer'), 'index.html');
    assert.equal(rendererRelativePath('app://renderer/'), 'index.html');
  });

  test('maps paths below the origin, without query or fragment', () => {
    assert.equal(rendererRelativePath('app://renderer/assets/main-abc123.js'), 'assets/main-abc123.js');
    assert.equal(rendererRelativePath('app://renderer/index.html?x=1#/projects'), 'index.html');
  });

  test('percent-decodes the path', () => {
    assert.equal(rendererRelativePath('app://renderer/fonts/Inter%20Variable.woff2'), 'fonts/Inter Variable.woff2');
    assert.equal(rendererRelativePath('app://renderer/caf%C3%A9.png'), 'café.png');
  });

  test('returns null for malformed percent-encoding', () => {
    assert.equal(rendererRelativePath('app://renderer/%E0%A4%A'), null);
  });

  test('returns null for other schemes and hosts, and for junk', () => {
    assert.equal(rendererRelativePath('app://other/index.html'), null);
    assert.equal(rendererRelativePath('https://renderer/index.html'), null);
    assert.equal(rendererRelativePath('file:///index.html'), null);
    assert.equal(rendererRelativePath('atelier-asset://asset/abc'), null);
    assert.equal(rendererRelativePath('not a url'), null);
  });

  test('literal dot segments are resolved by URL parsing and cannot climb out', () => {
    assert.equal(rendererRelativePath('app://renderer/../../etc/passwd'), 'etc/passwd');
  });

  test('encoded dot segments and backslashes are refused', () => {
    assert.equal(rendererRelativePath('app://renderer/..%2f..%2fetc%2fpasswd'), null);
    assert.equal(rendererRelativePath('app://renderer/%2e%2e%2fsecret'), null);
    assert.equal(rendererRelativePath('app://renderer/..\\..\\secret'), null);
    assert.equal(rendererRelativePath('app://renderer/%5csecret'), null);
  });
});

describe('parseAssetUrl', () => {
  test('an id maps to the file variant', () => {
    assert.deepEqual(parseAssetUrl('atelier-asset://asset/a1B2_c3-D4'), { assetId: 'a1B2_c3-D4', variant: 'file' });
  });

  test('/thumbnail maps to the thumbnail variant', () => {
    assert.deepEqual(parseAssetUrl('atelier-asset://asset/abc123/thumbnail'), { assetId: 'abc123', variant: 'thumbnail' });
  });

  test('a UUID id is accepted', () => {
    const id = '0b6f7c1e-7d2a-4c38-9a51-3f2f1e6b9c10';
    assert.deepEqual(parseAssetUrl(`atelier-asset://asset/${id}`), { assetId: id, variant: 'file' });
  });

  test('refuses ids with other characters or over 64 characters', () => {
    assert.equal(parseAssetUrl('atelier-asset://asset/a.b'), null);
    assert.equal(parseAssetUrl('atelier-asset://asset/a%2Fb'), null);
    assert.equal(parseAssetUrl('atelier-asset://asset/%2e%2e'), null);
    assert.equal(parseAssetUrl(`atelier-asset://asset/${'a'.repeat(65)}`), null);
    assert.equal(parseAssetUrl('atelier-asset://asset/'), null);
  });

  test('refuses traversal and extra segments', () => {
    assert.equal(parseAssetUrl('atelier-asset://asset/..%2Fsecret'), null);
    assert.equal(parseAssetUrl('atelier-asset://asset/abc%2F..%2F..%2Fsecret'), null);
    assert.equal(parseAssetUrl('atelier-asset://asset/abc/..'), null);
    assert.equal(parseAssetUrl('atelier-asset://asset/abc/original'), null);
    assert.equal(parseAssetUrl('atelier-asset://asset/abc/thumbnail/x'), null);
    assert.equal(parseAssetUrl('atelier-asset://asset/abc/thumbnail/'), null);
    assert.equal(parseAssetUrl('atelier-asset://asset/abc/'), null);
  });

  test('refuses other hosts and schemes', () => {
    assert.equal(parseAssetUrl('atelier-asset://other/abc'), null);
    assert.equal(parseAssetUrl('atelier-asset://asset.evil/abc'), null);
    assert.equal(parseAssetUrl('app://asset/abc'), null);
    assert.equal(parseAssetUrl('https://asset/abc'), null);
    assert.equal(parseAssetUrl('garbage'), null);
  });
});
