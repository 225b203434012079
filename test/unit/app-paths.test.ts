import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { appPaths, resolveDataHome } from '../../main/core/app-paths.js';

const HOME = path.resolve('/home/ada');

describe('resolveDataHome', () => {
  test('ATELIER_HOME wins on every platform, made absolute', () => {
    const abs = path.resolve('/data/atelier-test');
    assert.equal(resolveDataHome({ ATELIER_HOME: abs, XDG_DATA_HOME: '/xdg' }, 'linux', HOME), abs);
    assert.equal(resolveDataHome({ ATELIER_HOME: abs }, 'darwin', HOME), abs);
    assert.equal(resolveDataHome({ ATELIER_HOME: abs, APPDATA: '/appdata' }, 'win32', HOME), abs);
    assert.equal(resolveDataHome({ ATELIER_HOME: 'rel/home' }, 'linux', HOME), path.resolve('rel/home'));
  });

  test('an empty ATELIER_HOME is ignored', () => {
    assert.equal(resolveDataHome({ ATELIER_HOME: '' }, 'linux', HOME), path.join(HOME, '.local', 'share', 'atelier'));
  });

  test('Linux uses an absolute XDG_DATA_HOME', () => {
    const xdg = path.resolve('/var/xdg-data');
    assert.equal(resolveDataHome({ XDG_DATA_HOME: xdg }, 'linux', HOME), path.join(xdg, 'atelier'));
  });

  test('Linux ignores a relative or empty XDG_DATA_HOME', () => {
    const fallback = path.join(HOME, '.local', 'share', 'atelier');
    assert.equal(resolveDataHome({ XDG_DATA_HOME: 'relative/data' }, 'linux', HOME), fallback);
    assert.equal(resolveDataHome({ XDG_DATA_HOME: '' }, 'linux', HOME), fallback);
  });

  test('Linux defaults to ~/.local/share/atelier', () => {
    assert.equal(resolveDataHome({}, 'linux', HOME), path.join(HOME, '.local', 'share', 'atelier'));
  });

  test('other Unixes follow the XDG rule too', () => {
    assert.equal(resolveDataHome({}, 'freebsd', HOME), path.join(HOME, '.local', 'share', 'atelier'));
  });

  test('macOS uses Application Support and ignores XDG_DATA_HOME', () => {
    const expected = path.join(HOME, 'Library', 'Application Support', 'Atelier');
    assert.equal(resolveDataHome({}, 'darwin', HOME), expected);
    assert.equal(resolveDataHome({ XDG_DATA_HOME: '/xdg' }, 'darwin', HOME), expected);
  });

  test('Windows uses APPDATA, or AppData/Roaming under the home folder', () => {
    const appData = path.resolve('/users/ada/AppData/Roaming-custom');
    assert.equal(resolveDataHome({ APPDATA: appData }, 'win32', HOME), path.join(appData, 'Atelier'));
    assert.equal(resolveDataHome({}, 'win32', HOME), path.join(HOME, 'AppData', 'Roaming', 'Atelier'));
  });

  test('reads process.env and the real home folder by default', () => {
    const result = resolveDataHome();
    assert.ok(path.isAbsolute(result));
    if (process.env.ATELIER_HOME) assert.equal(result, path.resolve(process.env.ATELIER_HOME));
  });
});

describe('appPaths', () => {
  test('puts every folder and file under the data home', () => {
    const home = path.resolve('/data/atelier');
    const paths = appPaths(home);
    assert.deepEqual(paths, {
      home,
      settingsFile: path.join(home, 'settings.json'),
      stateFile: path.join(home, 'state.json'),
      projectsDir: path.join(home, 'projects'),
      modelsDir: path.join(home, 'models'),
      logsDir: path.join(home, 'logs'),
      trashDir: path.join(home, 'trash'),
      incomingDir: path.join(home, 'incoming'),
    });
  });
});
