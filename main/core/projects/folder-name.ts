import fs from 'node:fs/promises';
import path from 'node:path';
import { firstCodePoints, isReservedName, wellFormed } from '../files/file-name-rules.js';
import { PROJECT_SUFFIX } from './project-file.js';

/** A folder name that every filesystem accepts and that still reads like the title (file-name-rules.ts). */
export function folderNameFor(title: string): string {
  const spaced = wellFormed(title)
    .normalize('NFC')
    .replace(/[\u0000-\u001f<>:"/\\|?*\u007f]/g, ' ')
    .replace(/\s+/g, ' ');
  // Cap by code points (never half an emoji), then tidy the ends the cap may expose.
  const capped = firstCodePoints(spaced.trim().replace(/^\.+/, ''), 80)
    .replace(/[. ]+$/, '')
    .trim();
  return `${capped && !isReservedName(capped) ? capped : 'Untitled'}${PROJECT_SUFFIX}`;
}

/** `Harbour Night.atelier`, then `Harbour Night 2.atelier`, … */
export async function uniqueFolder(parent: string, title: string): Promise<string> {
  const name = folderNameFor(title);
  const stem = name.slice(0, -PROJECT_SUFFIX.length);
  for (let n = 1; n < 10_000; n += 1) {
    const candidate = path.join(parent, n === 1 ? name : `${stem} ${n}${PROJECT_SUFFIX}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
  throw new Error(`No free folder name for ${title}`);
}
