import type { TimelineScene } from './video-timeline.js';

/** ffmetadata escapes `=`, `;`, `#`, `\` and line ends with a backslash. */
function escapeMeta(text: string): string {
  return text.replace(/[=;#\\\n]/g, (c) => `\\${c}`);
}

interface Chapter {
  start: number;
  end: number;
  title: string;
}

/** One chapter per scene, starting halfway through its transition in (where a viewer sees it arrive). */
export function sceneChapters(scenes: readonly TimelineScene[], titles: readonly string[], total: number): Chapter[] {
  return scenes.map((scene, i) => {
    const next = scenes[i + 1];
    return {
      start: i === 0 ? 0 : scene.start + scene.overlap / 2,
      end: next ? next.start + next.overlap / 2 : total,
      title: titles[i] ?? `Scene ${i + 1}`,
    };
  });
}

/** The chapters as an ffmetadata file, which ffmpeg maps into MP4 and WebM alike. */
export function chaptersMetadata(chapters: readonly Chapter[]): string {
  const lines = [';FFMETADATA1'];
  for (const chapter of chapters)
    lines.push(
      '[CHAPTER]',
      'TIMEBASE=1/1000',
      `START=${Math.round(chapter.start * 1000)}`,
      `END=${Math.round(chapter.end * 1000)}`,
      `title=${escapeMeta(chapter.title)}`,
    );
  return `${lines.join('\n')}\n`;
}
