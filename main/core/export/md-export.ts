import type { JobContext } from '../jobs/job-manager.js';
import { fileStem } from './output-file.js';
import { originLine, sceneHeading, sceneMedia, type ExportSource } from './export-source.js';
import { writeZip, type ZipEntry } from './zip-writer.js';

/**
 * Markdown plus its assets, as one zip: `Title.md` beside an `assets/` folder holding the
 * scene files byte for byte under the same names as in the project, linked relatively.
 */
export async function exportMarkdown(source: ExportSource, out: string, context: JobContext): Promise<void> {
  const media = await sceneMedia(source);
  const lines: string[] = [`# ${oneLine(source.data.title)}`, ''];
  const files = new Map<string, string>();
  for (const [i, m] of media.entries()) {
    const heading = sceneHeading(m.scene, i);
    lines.push(`## ${oneLine(heading)}`, '');
    if (m.image) {
      files.set(m.image.asset.file, m.image.path);
      const credit = originLine(m.image.asset);
      lines.push(`![${escapeText([heading, credit].filter(Boolean).join(' — '))}](${link(m.image.asset.file)}${credit ? ` "${credit.replace(/"/g, "'")}"` : ''})`, '');
      if (credit) lines.push(`*${escapeText(credit)}*`, '');
    }
    if (m.scene.text.trim()) lines.push(m.scene.text.trim(), '');
    for (const [label, item] of [['Narration', m.narration], ['Sound bed', m.bed]] as const) {
      if (!item) continue;
      files.set(item.asset.file, item.path);
      const credit = originLine(item.asset);
      lines.push(`🔊 [${label}: ${escapeText(item.asset.name)}](${link(item.asset.file)})${credit ? ` — ${escapeText(credit)}` : ''}`, '');
    }
  }
  lines.push('---', '', `*Exported from Atelier on ${new Date().toISOString().slice(0, 10)}.*`, '');
  const entries: ZipEntry[] = [
    { name: `${fileStem(source.data.title)}.md`, bytes: Buffer.from(lines.join('\n')) },
    ...[...files].map(([rel, file]) => ({ name: rel, file })),
  ];
  await writeZip(out, entries, context.signal, (done) => context.progress({ fraction: done / entries.length, detail: `${done}/${entries.length} files` }));
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
