import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Asset, Scene } from '../../preload/contract.js';
import { createStudio } from '../../main/app/studio.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';
import { decodeWav } from '../../main/platform/audio/wav.js';
import { launchChromium } from '../support/chromium.js';
import { buildStoryProject, exportOf, STORY } from '../support/story-project.js';
import { parseCues } from '../support/video-probe.js';
import { tempHome } from '../support/web-host.js';

let root: string;
let page: string;
let storyVtt: string;
/** Each narrated scene's clip length, read from its WAV. */
let narrationSeconds: number[];

before(async () => {
  root = await tempHome('atelier-html-captions-');
  const studio = await createStudio({ host: 'cli', home: path.join(root, 'home') });
  try {
    const { project } = await buildStoryProject(studio, 'Harbour Night');
    page = (await exportOf(studio, { format: 'html' })).path;
    storyVtt = (await exportOf(studio, { format: 'vtt' })).path;
    const data = (await readProjectStrictly(project.path)) as { scenes: Scene[]; assets: Record<string, Asset> };
    narrationSeconds = await Promise.all(
      data.scenes
        .filter((s) => s.narrationAssetId)
        .map(async (s) => {
          const clip = decodeWav(await fs.readFile(path.join(project.path, data.assets[s.narrationAssetId as string]?.file as string)));
          return clip.samples.length / clip.sampleRate;
        }),
    );
  } finally {
    await studio.dispose();
  }
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** The `<track>` elements of the page, with their language and their cues decoded from the data URI. */
function tracks(html: string): { srclang: string; kind: string; cues: ReturnType<typeof parseCues> }[] {
  return [...html.matchAll(/<audio [^>]*>(<track [^>]*>)<\/audio>/g)].map((m) => {
    const tag = m[1] as string;
    const src = /src="data:text\/vtt;base64,([^"]+)"/.exec(tag)?.[1] ?? '';
    return {
      kind: /kind="([^"]+)"/.exec(tag)?.[1] ?? '',
      srclang: /srclang="([^"]+)"/.exec(tag)?.[1] ?? '',
      cues: parseCues(Buffer.from(src, 'base64').toString('utf8')),
    };
  });
}

test('the HTML export gives each narration a <track kind="captions"> in the narration’s language, timed within its clip, and writes no file beside itself', async () => {
  const html = await fs.readFile(page, 'utf8');
  const found = tracks(html);
  const narrated = STORY.filter((s) => s.narrate);
  assert.equal(found.length, narrated.length, 'one track per narrated scene');
  found.forEach((track, i) => {
    assert.equal(track.kind, 'captions');
    assert.equal(track.srclang, 'en', 'espeak’s English voice');
    assert.equal(track.cues.map((c) => c.lines.join(' ')).join(' '), narrated[i]?.text, 'the scene’s words');
    assert.ok((track.cues[0]?.start ?? -1) >= 0, 'counted from the clip’s start');
    assert.ok((track.cues.at(-1)?.end ?? Infinity) <= (narrationSeconds[i] as number) + 1.01, 'within its clip (a last cue held to 1 s at most)');
  });
  // Together the tracks say what the whole story's VTT export says, cue by cue.
  const words = (cues: ReturnType<typeof parseCues>) => cues.map((c) => c.lines.join(' '));
  assert.deepEqual(
    found.flatMap((t) => words(t.cues)),
    words(parseCues(await fs.readFile(storyVtt, 'utf8'))),
  );
  // `-o` is the one file written: the page carries its captions.
  const stem = path.basename(page, '.html');
  assert.deepEqual(
    (await fs.readdir(path.dirname(page))).filter((name) => name.startsWith(`${stem}.`) && !name.endsWith('.vtt')),
    [path.basename(page)],
  );
  assert.ok(!(await fs.readdir(path.dirname(page))).includes(`${stem}.captions.vtt`));
});

interface PageGlobals {
  document: { querySelectorAll(selector: string): ArrayLike<{ readyState: number; track: { cues: ArrayLike<{ text: string }> | null } }> };
}

test('Chromium loads the page’s caption tracks under its CSP and reads their cues', { timeout: 120_000 }, async () => {
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage();
    const violations: string[] = [];
    tab.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await tab.goto(pathToFileURL(page).href);
    await tab.waitForFunction(() => {
      const found = Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('audio track'));
      return found.length > 0 && found.every((t) => t.readyState === 2);
    });
    const texts = await tab.evaluate(() =>
      Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('audio track')).map((t) =>
        Array.from(t.track.cues ?? [])
          .map((c) => c.text.replace(/\n/g, ' '))
          .join(' '),
      ),
    );
    assert.deepEqual(
      texts,
      STORY.filter((s) => s.narrate).map((s) => s.text),
    );
    assert.deepEqual(violations, []);
  } finally {
    await browser.close();
  }
});
