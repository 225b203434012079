import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  installPermissionHandlers,
  type PermissionCheckDetails,
  type PermissionRequestDetails,
  type PermissionSession,
} from '../../main/hosts/electron/media-permission.js';

/** A session as Electron's: it keeps the handlers so the test can ask them. */
class FakeSession implements PermissionSession {
  request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | null = null;
  check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | null = null;
  setPermissionRequestHandler(handler: NonNullable<FakeSession['request']>) {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['check']>) {
    this.check = handler;
  }
}

function installed() {
  const session = new FakeSession();
  const notes: string[] = [];
  installPermissionHandlers(session, (message) => notes.push(message));
  assert.ok(session.request && session.check, 'both handlers are installed');
  const { request, check } = session;
  const ask = (permission: string, details?: PermissionRequestDetails) => {
    let answer: boolean | undefined;
    request({}, permission, (granted) => (answer = granted), details);
    assert.notEqual(answer, undefined, 'the callback is always called');
    return answer;
  };
  const checks = (permission: string, origin?: string, details?: PermissionCheckDetails) => check({}, permission, origin, details);
  return { ask, checks, notes };
}

const PAGE = 'app://renderer/index.html';

describe('the desktop window’s permissions', () => {
  test('the studio’s own page gets the microphone, asked for and checked', () => {
    const { ask, checks, notes } = installed();
    assert.equal(ask('media', { requestingUrl: PAGE, mediaTypes: ['audio'], isMainFrame: true }), true);
    assert.equal(checks('media', 'app://renderer', { requestingUrl: PAGE, mediaType: 'audio', isMainFrame: true }), true);
    assert.deepEqual(notes, [], 'nothing refused, nothing noted');
  });

  test('the camera, the screen or audio with video are refused, even to the studio’s page', () => {
    const { ask, checks, notes } = installed();
    assert.equal(ask('media', { requestingUrl: PAGE, mediaTypes: ['video'] }), false);
    assert.equal(ask('media', { requestingUrl: PAGE, mediaTypes: ['audio', 'video'] }), false);
    assert.equal(ask('media', { requestingUrl: PAGE, mediaTypes: [] }), false, 'no type named is not a microphone');
    assert.equal(ask('media', { requestingUrl: PAGE }), false);
    assert.equal(ask('media'), false, 'no details at all');
    assert.equal(ask('display-capture', { requestingUrl: PAGE }), false);
    assert.equal(checks('media', 'app://renderer', { requestingUrl: PAGE, mediaType: 'video' }), false);
    assert.equal(checks('media', 'app://renderer', { requestingUrl: PAGE, mediaType: 'unknown' }), false);
    assert.equal(checks('media', 'app://renderer'), false);
    assert.match(notes.join('\n'), /refused the permission media \(audio, video\) to app:\/\/renderer\/index\.html/);
  });

  test('the microphone is refused to any other origin or to a subframe', () => {
    const { ask, checks } = installed();
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:3000/',
      'file:///tmp/page.html',
      'app://other/index.html',
      'atelier-asset://asset/x',
      'not a url',
    ]) {
      assert.equal(ask('media', { requestingUrl: url, mediaTypes: ['audio'] }), false, url);
      assert.equal(checks('media', url, { requestingUrl: url, mediaType: 'audio' }), false, url);
    }
    assert.equal(checks('media', 'https://example.com', { requestingUrl: PAGE, mediaType: 'audio' }), false, 'an outside origin with our URL');
    assert.equal(checks('media', 'app://renderer', { requestingUrl: 'https://example.com/', mediaType: 'audio' }), false, 'our origin with an outside URL');
    assert.equal(ask('media', { requestingUrl: PAGE, mediaTypes: ['audio'], isMainFrame: false }), false, 'a frame inside the page');
    assert.equal(checks('media', 'app://renderer', { requestingUrl: PAGE, mediaType: 'audio', isMainFrame: false }), false);
  });

  test('every other permission is refused and checks false, for the studio’s page too', () => {
    const { ask, checks } = installed();
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fullscreen',
      'midi',
      'hid',
      'unknown',
    ]) {
      assert.equal(ask(permission, { requestingUrl: PAGE, mediaTypes: ['audio'] }), false, permission);
      assert.equal(checks(permission, 'app://renderer', { requestingUrl: PAGE, mediaType: 'audio' }), false, permission);
    }
  });
});
