import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ZodError } from 'zod';
import { DEFAULT_SETTINGS, type SettingsPatch } from '../../preload/contract.js';
import { SettingsStore } from '../../main/core/settings/settings-store.js';
import { recordingLogger } from './support/recording-logger.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
let counter = 0;

/** A fresh folder per test, so each test owns its settings.json. */
async function freshDir(): Promise<string> {
  counter += 1;
  const dir = path.join(root as string, `case-${counter}`);
  await fs.mkdir(dir);
  return dir;
}

before(async () => {
  root = await makeTemp('atelier-settings-');
});
after(async () => {
  await removeTemp(root);
});

describe('SettingsStore.load', () => {
  test('no file gives the defaults and writes nothing', async () => {
    const dir = await freshDir();
    const log = recordingLogger();
    const store = new SettingsStore(path.join(dir, 'settings.json'), log);
    assert.deepEqual(await store.load(), DEFAULT_SETTINGS);
    assert.deepEqual(store.get(), DEFAULT_SETTINGS);
    assert.deepEqual(await fs.readdir(dir), []);
    assert.equal(log.lines.length, 0);
  });

  test('reads saved values', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    const saved = {
      theme: 'dark',
      threads: 6,
      contextSize: 8192,
      gpuOffload: 'off',
      imageDevice: 'gpu',
      outputFolder: '/home/me/Exports',
      apiServer: { enabled: true, port: 5000 },
      kokoroVoice: 'bf_emma',
      apiCorsOrigins: ['http://localhost:5173', 'https://notes.example'],
    };
    await fs.writeFile(file, JSON.stringify(saved));
    assert.deepEqual(await new SettingsStore(file, recordingLogger()).load(), saved);
  });

  test('one bad field falls back alone; the other fields are kept', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    await fs.writeFile(file, JSON.stringify({ theme: 'neon', threads: 4, contextSize: 100, gpuOffload: 'off' }));
    const loaded = await new SettingsStore(file, recordingLogger()).load();
    assert.deepEqual(loaded, { ...DEFAULT_SETTINGS, threads: 4, gpuOffload: 'off' });
    // The file itself is left as it was.
    assert.deepEqual(await fs.readdir(dir), ['settings.json']);
  });

  test('unknown keys from a newer version are ignored', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    await fs.writeFile(file, JSON.stringify({ theme: 'light', futureFeature: { on: true } }));
    const loaded = await new SettingsStore(file, recordingLogger()).load();
    assert.deepEqual(loaded, { ...DEFAULT_SETTINGS, theme: 'light' });
    assert.equal('futureFeature' in loaded, false);
  });

  test('a file that is not JSON is kept aside as settings.json.corrupt-* and defaults load', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    await fs.writeFile(file, '{"theme": "dark",');
    const log = recordingLogger();
    assert.deepEqual(await new SettingsStore(file, log).load(), DEFAULT_SETTINGS);
    const names = await fs.readdir(dir);
    assert.equal(names.length, 1);
    assert.match(names[0] as string, /^settings\.json\.corrupt-\d+$/);
    assert.equal(await fs.readFile(path.join(dir, names[0] as string), 'utf8'), '{"theme": "dark",');
    assert.equal(log.lines.filter((l) => l.level === 'warn' && l.area === 'settings').length, 1);
  });

  test('JSON that is not an object is kept aside too', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    await fs.writeFile(file, '["dark"]');
    assert.deepEqual(await new SettingsStore(file, recordingLogger()).load(), DEFAULT_SETTINGS);
    const names = await fs.readdir(dir);
    assert.equal(names.length, 1);
    assert.match(names[0] as string, /^settings\.json\.corrupt-\d+$/);
  });
});

describe('SettingsStore.set', () => {
  test('persists: a new store reads the change back', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    const store = new SettingsStore(file, recordingLogger());
    await store.load();
    const next = await store.set({ theme: 'dark', threads: 12 });
    assert.deepEqual(next, { ...DEFAULT_SETTINGS, theme: 'dark', threads: 12 });
    assert.deepEqual(store.get(), next);
    const again = new SettingsStore(file, recordingLogger());
    assert.deepEqual(await again.load(), next);
    // Only settings.json: no temp files left.
    assert.deepEqual(await fs.readdir(dir), ['settings.json']);
  });

  test('listeners hear each applied change, and nothing for a refused one', async () => {
    const dir = await freshDir();
    const store = new SettingsStore(path.join(dir, 'settings.json'), recordingLogger());
    await store.load();
    const heard: unknown[] = [];
    const stop = store.onChange((settings) => heard.push(settings.apiServer));
    await store.set({ apiServer: { enabled: true, port: 4999 } });
    await assert.rejects(store.set({ apiServer: { enabled: true, port: 80 } }));
    stop();
    await store.set({ apiServer: { enabled: false, port: 4999 } });
    assert.deepEqual(heard, [{ enabled: true, port: 4999 }]);
  });

  test('successive patches accumulate', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    const store = new SettingsStore(file, recordingLogger());
    await store.load();
    await store.set({ contextSize: 16384 });
    await store.set({ outputFolder: '/tmp/out' });
    assert.deepEqual(await new SettingsStore(file, recordingLogger()).load(), {
      ...DEFAULT_SETTINGS,
      contextSize: 16384,
      outputFolder: '/tmp/out',
    });
  });

  test('rejects invalid values with a zod error and changes nothing', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    const store = new SettingsStore(file, recordingLogger());
    await store.load();
    await store.set({ theme: 'light' });
    const before = await fs.readFile(file, 'utf8');
    await assert.rejects(store.set({ threads: 0 }), ZodError);
    await assert.rejects(store.set({ contextSize: 1.5 }), ZodError);
    await assert.rejects(store.set({ theme: 'neon' } as unknown as SettingsPatch), ZodError);
    await assert.rejects(store.set({ extra: true } as unknown as SettingsPatch), ZodError);
    assert.deepEqual(store.get(), { ...DEFAULT_SETTINGS, theme: 'light' });
    assert.equal(await fs.readFile(file, 'utf8'), before);
  });

  test('a patch whose keys are present but undefined leaves those settings alone', async () => {
    // SettingsPatch is Partial<Settings>, so { theme: undefined } is a valid patch by its type,
    // and the contract's SettingsPatchSchema passes it through as is.
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    const store = new SettingsStore(file, recordingLogger());
    await store.load();
    const next = await store.set({ theme: undefined, contextSize: 8192 });
    assert.deepEqual(next, { ...DEFAULT_SETTINGS, contextSize: 8192 });
  });
});

describe('SettingsStore.set ordering', () => {
  test('changes made at the same moment all land (none undoes another)', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'settings.json');
    const store = new SettingsStore(file, recordingLogger());
    await store.load();
    await Promise.all([store.set({ contextSize: 8192 }), store.set({ threads: 2 }), store.set({ gpuOffload: 'off' })]);
    const reread = new SettingsStore(file, recordingLogger());
    const loaded = await reread.load();
    assert.deepEqual(
      { contextSize: loaded.contextSize, threads: loaded.threads, gpuOffload: loaded.gpuOffload },
      { contextSize: 8192, threads: 2, gpuOffload: 'off' },
    );
  });
});
