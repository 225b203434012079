// One project export in its own process, so its peak memory is its own: `node --import tsx bench/export-child.ts HOME PROJECT_ID FORMAT`.
// Prints one JSON line: wall time, the process's RSS before the export and its peak (maxRSS) after, and the file.
import { createStudio } from '../main/app/studio.js';
import { exportOf } from '../test/support/story-project.js';

const [home, projectId, format] = process.argv.slice(2) as [string, string, string];
const studio = await createStudio({ host: 'cli', home });
try {
  const rssBeforeBytes = process.memoryUsage().rss;
  const maxRssBeforeKiB = process.resourceUsage().maxRSS;
  const started = performance.now();
  const made = await exportOf(studio, { format, projectId, ...(format === 'mp4' || format === 'webm' ? { resolution: '720p' } : {}) });
  const wallSeconds = (performance.now() - started) / 1000;
  const maxRssAfterKiB = process.resourceUsage().maxRSS;
  console.log(JSON.stringify({ wallSeconds, rssBeforeBytes, maxRssBeforeKiB, maxRssAfterKiB, path: made.path, size: made.size }));
} finally {
  await studio.dispose();
}
