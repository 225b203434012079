import path from 'node:path';
import sharp from '../../platform/lazy-sharp.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { ensurePrivateDir } from '../../platform/private-files.js';
import type { Logger } from '../../platform/log.js';

const THUMBNAIL_FOLDER = 'thumbnails';
const THUMBNAIL_EDGE = 320;

export interface ImageFacts {
  width: number;
  height: number;
  thumbnail: string;
}

/** Reads an image's size and writes a small WebP for the sidebar and gallery. */
async function makeThumbnail(projectDir: string, imageFile: string, assetId: string): Promise<ImageFacts> {
  const image = sharp(imageFile, { limitInputPixels: 16384 * 16384, animated: false });
  const meta = await image.metadata();
  if (!meta.width || !meta.height) throw new Error('image has no dimensions');
  const relative = `${THUMBNAIL_FOLDER}/${assetId}.webp`;
  await ensurePrivateDir(path.join(projectDir, THUMBNAIL_FOLDER));
  const webp = await image.rotate().resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
  // Through the atomic writer, so a thumbnail is as private as the picture it shows.
  await writeFileAtomic(path.join(projectDir, relative), webp);
  return { width: meta.width, height: meta.height, thumbnail: relative };
}

/** A picture sharp cannot decode is still the user's file: keep it, just without a thumbnail. */
export async function thumbnailOrNothing(log: Logger | undefined, projectDir: string, imageFile: string, assetId: string): Promise<ImageFacts | undefined> {
  try {
    return await makeThumbnail(projectDir, imageFile, assetId);
  } catch (error) {
    log?.warn('assets', `no thumbnail for ${imageFile}: ${(error as Error).message}`);
    return undefined;
  }
}
