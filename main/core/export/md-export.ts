import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import type { JobContext } from '../jobs/job-manager.js';
import { resolveInside } from '../security/path-inside.js';
import { fileStem } from './output-file.js';
import { originLine, sceneHeading, sceneMedia, type ExportSource } from './export-source.js';
import { writeZip, type ZipEntry } from './zip-writer.js';

/** The Markdown text and the files it links to: link (relative, unencoded) → file on disk. */
interface MarkdownPage {
  text: string;
  files: Map<string, string>;
}

/**
 * The page: each scene's heading, picture, text and sounds; `place` says where an asset
 * file sits relative to the page (links are percent-encoded, so spaces and brackets work).
 */
async function markdownPage(source: ExportSource, place: (assetFile: string) => string): Promise<MarkdownPage> {
  const media = await sceneMedia(source);
  const lines: string[] = [`# ${oneLine(source.data.title)}`, ''];
  const files = new Map<string, string>();
  const linkTo = (item: { asset: { file: string }; path: string }): string => {
    const rel = place(item.asset.file);
    files.set(rel, item.path);
    return link(rel);
  };
  for (const [i, m] of media.entries()) {
    const heading = sceneHeading(m.scene, i);
    lines.push(`## ${oneLine(heading)}`, '');
    if (m.image) {
      const credit = originLine(m.image.asset);
      lines.push(`![${escapeText([heading, credit].filter(Boolean).join(' — '))}](${linkTo(m.image)}${credit ? ` "${credit.replace(/"/g, "'")}"` : ''})`, '');
      if (credit) lines.push(`*${escapeText(credit)}*`, '');
    }
    if (m.scene.text.trim()) lines.push(m.scene.text.trim(), '');
    for (const [label, item] of [
      ['Narration', m.narration],
      ['Sound bed', m.bed],
    ] as const) {
      if (!item) continue;
      const credit = originLine(item.asset);
      lines.push(`🔊 [${label}: ${escapeText(item.asset.name)}](${linkTo(item)})${credit ? ` — ${escapeText(credit)}` : ''}`, '');
    }
  }
  lines.push('---', '', `*Exported from Atelier on ${new Date().toISOString().slice(0, 10)}.*`, '');
  return { text: lines.join('\n'), files };
}

/**
 * Markdown plus its assets, as one zip: `Title.md` beside an `assets/` folder holding the
 * scene files byte for byte under the same names as in the project, linked relatively.
 */
export async function exportMarkdownZip(source: ExportSource, out: string, context: JobContext): Promise<void> {
  const page = await markdownPage(source, (file) => file);
  const entries: ZipEntry[] = [
    { name: `${fileStem(source.data.title)}.md`, bytes: Buffer.from(page.text) },
    ...[...page.files].map(([rel, file]) => ({ name: rel, file })),
  ];
  await writeZip(out, entries, context.signal, (done) => context.progress({ fraction: done / entries.length, detail: `${done}/${entries.length} files` }));
}

/**
 * Markdown as a page and a folder beside it (`story.md`, `story_files/`): the scene files
 * byte for byte, under their project names without the `assets/` prefix.
 */
export async function exportMarkdownFolder(source: ExportSource, outFile: string, outFolder: string, folderName: string, context: JobContext): Promise<void> {
  const taken = new Map<string, string>();
  const page = await markdownPage(source, (assetFile) => {
    const short = assetFile.startsWith('assets/') ? assetFile.slice('assets/'.length) : assetFile;
    // Two assets whose names differ only by their folder keep their full paths.
    const name = taken.has(short) && taken.get(short) !== assetFile ? assetFile : short;
    taken.set(name, assetFile);
    return `${folderName}/${name}`;
  });
  await fs.writeFile(outFile, page.text);
  let done = 0;
  for (const [rel, file] of page.files) {
    if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
    // The link names come from project.json: keep every copy inside the folder.
    const target = resolveInside(outFolder, rel.slice(folderName.length + 1));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(file, target);
    context.progress({ fraction: ++done / page.files.size, detail: `${done}/${page.files.size} files` });
  }
}

/** A relative link with each path segment percent-encoded, so spaces and brackets work. */
function link(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function escapeText(text: string): string {
  return oneLine(text).replace(/([\\`*_[\]<>])/g, '\\$1');
}
