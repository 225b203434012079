import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';

/**
 * Writes the poster frame beside the video: `story.mp4` → `story.poster.png` (then
 * `story.poster-2.png`, …, never over a file unless the export replaces its target).
 */
export async function writePosterBeside(video: string, poster: Buffer, replace: boolean): Promise<string> {
  const ext = path.extname(video);
  const stem = ext ? video.slice(0, -ext.length) : video;
  for (let n = 1; n < 1000; n++) {
    const file = `${stem}.poster${n === 1 ? '' : `-${n}`}.png`;
    try {
      await fs.writeFile(file, poster, { flag: replace && n === 1 ? 'w' : 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new AtelierError('IO_ERROR', `Cannot write the poster ${file}: ${(error as Error).message}`);
    }
  }
  throw new AtelierError('IO_ERROR', `Too many posters named ${path.basename(stem)}.poster.png.`);
}
