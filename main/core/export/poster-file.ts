import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';

/**
 * Writes a file beside an export: `story.mp4` → `story.<tag>.<ext>` (then `story.<tag>-2.<ext>`,
 * …, never over a file unless the export replaces its target).
 */
async function writeBeside(exported: string, tag: string, ext: string, data: Buffer | string, replace: boolean, what: string): Promise<string> {
  const own = path.extname(exported);
  const stem = own ? exported.slice(0, -own.length) : exported;
  for (let n = 1; n < 1000; n++) {
    const file = `${stem}.${tag}${n === 1 ? '' : `-${n}`}.${ext}`;
    try {
      await fs.writeFile(file, data, { flag: replace && n === 1 ? 'w' : 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new AtelierError('IO_ERROR', `Cannot write the ${what} ${file}: ${(error as Error).message}`);
    }
  }
  throw new AtelierError('IO_ERROR', `Too many ${what}s named ${path.basename(stem)}.${tag}.${ext}.`);
}

/** The poster frame beside the video: `story.mp4` → `story.poster.png`. */
export function writePosterBeside(video: string, poster: Buffer, replace: boolean): Promise<string> {
  return writeBeside(video, 'poster', 'png', poster, replace, 'poster');
}
