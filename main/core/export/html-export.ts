import fs from 'node:fs/promises';
import type { JobContext } from '../jobs/job-manager.js';
import { captionLanguageTag } from './caption-language.js';
import { toVtt } from './caption-files.js';
import { originLine, sceneHeading, sceneMedia, type ExportSource } from './export-source.js';
import { planVideo } from './video-plan.js';

/** Default time a scene without narration stays on screen in the player. */
const SILENT_SCENE_MS = 4000;

interface PlayerScene {
  heading: string;
  text: string;
  image?: { src: string; alt: string; credit: string };
  audio?: { src: string; credit: string; captions?: string };
}

/**
 * One self-contained HTML file that plays the storyboard: images and audio inlined as
 * data URIs, CSS and script inline, no network. The picture shows while its narration
 * plays, then the next scene; silent scenes stay 4 s. Each narration carries its captions
 * as an inline track, so `-o` stays the one file written (`--format vtt` gives the whole
 * story's captions as a file).
 */
export async function exportHtml(source: ExportSource, out: string, context: JobContext): Promise<void> {
  const media = await sceneMedia(source);
  // Captions as the video times them; each scene's audio gets its own cues, counted from the clip's start.
  const plan = media.some((m) => m.narration) ? await planVideo(source, context) : undefined;
  const language = captionLanguageTag(media.map((m) => m.narration?.asset));
  const scenes: PlayerScene[] = [];
  for (const [i, m] of media.entries()) {
    if (context.signal.aborted) break;
    context.progress({ fraction: i / Math.max(1, media.length), detail: `scene ${i + 1}/${media.length}` });
    const scene: PlayerScene = { heading: sceneHeading(m.scene, i), text: m.scene.text };
    if (m.image) {
      const credit = originLine(m.image.asset);
      scene.image = { src: await dataUri(m.image.path, m.image.asset.mime), alt: [scene.heading, credit].filter(Boolean).join(' — '), credit };
    }
    if (m.narration) {
      const placed = plan?.scenes[i];
      const cues = placed
        ? (plan?.cues ?? [])
            .filter((c) => c.start >= placed.narrationAt - 1e-6 && c.start < placed.start + placed.duration)
            .map((c) => ({ ...c, start: c.start - placed.narrationAt, end: c.end - placed.narrationAt }))
        : [];
      scene.audio = {
        src: await dataUri(m.narration.path, m.narration.asset.mime),
        credit: originLine(m.narration.asset),
        ...(cues.length > 0 && { captions: `data:text/vtt;base64,${Buffer.from(toVtt(cues)).toString('base64')}` }),
      };
    }
    scenes.push(scene);
  }
  if (context.signal.aborted) return;
  await fs.writeFile(out, page(source.data.title, scenes, language));
}

async function dataUri(file: string, mime: string): Promise<string> {
  return `data:${mime};base64,${(await fs.readFile(file)).toString('base64')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function page(title: string, scenes: PlayerScene[], language: string): string {
  // Every scene is in the markup (readable without script); the script only steps through them.
  const sections = scenes
    .map(
      (s, i) => `<section class="scene" id="scene-${i + 1}" data-index="${i}"${i === 0 ? '' : ' hidden'}>
  ${s.image ? `<figure><img src="${s.image.src}" alt="${escapeHtml(s.image.alt)}"><figcaption class="credit">${escapeHtml(s.image.credit)}</figcaption></figure>` : `<div class="card"><span>${escapeHtml(s.heading)}</span></div>`}
  <h2>${escapeHtml(s.heading)}</h2>
  <p class="caption">${escapeHtml(s.text)}</p>
  ${s.audio ? `<audio preload="auto" src="${s.audio.src}" title="${escapeHtml(s.audio.credit)}">${s.audio.captions ? `<track kind="captions" srclang="${language}" label="Captions" default src="${s.audio.captions}">` : ''}</audio>` : ''}
  ${s.audio?.captions ? '<p class="live-caption" aria-hidden="true"></p>' : ''}
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Atelier">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; media-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
  body { margin: 0; font-family: system-ui, sans-serif; background: #111; color: #eee; }
  header, main, nav { max-width: 960px; margin: 0 auto; padding: 0 16px; }
  figure { margin: 0; background: #000; aspect-ratio: 16 / 9; display: flex; align-items: center; justify-content: center; }
  figure img { max-width: 100%; max-height: 100%; object-fit: contain; }
  .card { aspect-ratio: 16 / 9; display: flex; align-items: center; justify-content: center; background: #223; font-size: 2rem; }
  .credit { position: absolute; left: -9999px; }
  .caption { font-size: 1.2rem; line-height: 1.5; white-space: pre-wrap; }
  nav { display: flex; gap: 8px; align-items: center; padding: 12px 16px; }
  button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #555; background: #2a2a2a; color: #eee; cursor: pointer; }
  button:focus-visible { outline: 2px solid #8ab4ff; }
  #position { margin-left: auto; color: #aaa; }
  .live-caption { min-height: 2.8em; margin: 8px 0 0; text-align: center; font-weight: 700; white-space: pre-line; }
</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1></header>
<nav aria-label="Player">
  <button id="prev" aria-label="Previous scene">◀ Prev</button>
  <button id="play" aria-label="Play">▶ Play</button>
  <button id="next" aria-label="Next scene">Next ▶</button>
  <span id="position" aria-live="polite"></span>
</nav>
<main>
${sections}
</main>
<script>
(() => {
  const SILENT_MS = ${SILENT_SCENE_MS};
  const sceneCount = ${scriptJson(scenes.length)};
  const sections = [...document.querySelectorAll('.scene')];
  const play = document.getElementById('play');
  let index = 0, playing = false, timer = null;
  const audioOf = (i) => sections[i] && sections[i].querySelector('audio');
  function stop() { clearTimeout(timer); timer = null; const a = audioOf(index); if (a) a.pause(); }
  function show(i) {
    stop();
    index = Math.max(0, Math.min(sceneCount - 1, i));
    sections.forEach((s, n) => { s.hidden = n !== index; });
    document.getElementById('position').textContent = sceneCount ? (index + 1) + ' / ' + sceneCount : 'No scenes';
    if (playing) start();
  }
  function advance() { if (index < sceneCount - 1) show(index + 1); else { playing = false; render(); } }
  function start() {
    const a = audioOf(index);
    if (a) { a.currentTime = 0; a.onended = advance; a.play().catch(() => { timer = setTimeout(advance, SILENT_MS); }); }
    else timer = setTimeout(advance, SILENT_MS);
  }
  function render() { play.textContent = playing ? '❚❚ Pause' : '▶ Play'; play.setAttribute('aria-label', playing ? 'Pause' : 'Play'); }
  function toggle() { playing = !playing; render(); if (playing) start(); else stop(); }
  play.onclick = toggle;
  document.getElementById('next').onclick = () => show(index + 1);
  document.getElementById('prev').onclick = () => show(index - 1);
  document.addEventListener('keydown', (e) => {
    if (e.key === ' ' && e.target === document.body) { e.preventDefault(); toggle(); }
    if (e.key === 'ArrowRight') show(index + 1);
    if (e.key === 'ArrowLeft') show(index - 1);
  });
  // Audio draws no captions of its own: each track's current cue is written under the picture.
  document.querySelectorAll('audio track').forEach((t) => {
    const line = t.closest('.scene').querySelector('.live-caption');
    t.track.mode = 'hidden';
    t.track.oncuechange = () => { const c = t.track.activeCues; line.textContent = c && c.length ? c[0].text : ''; };
  });
  show(0); render();
  window.atelierPlayer = { show, toggle, get index() { return index; }, get playing() { return playing; } };
})();
</script>
</body>
</html>
`;
}
