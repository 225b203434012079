import fs from 'node:fs/promises';
import type { PDFDocument, PDFFont, PDFImage, PDFPage } from 'pdf-lib';
import sharp from '../../platform/lazy-sharp.js';
import { APP_VERSION } from '../app-version.js';
import type { JobContext } from '../jobs/job-manager.js';
import { originLine, sceneHeading, sceneMedia, type ExportSource } from './export-source.js';

const PAGE = { width: 842, height: 595 }; // A4 landscape, in points
const MARGIN = 40;

/** One title page, then one page per scene: picture fitted above, text wrapped below. */
export async function exportPdf(source: ExportSource, out: string, context: JobContext): Promise<void> {
  const media = await sceneMedia(source);
  // pdf-lib loads with the first PDF export, not with the studio: most runs never make one.
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const italic = await doc.embedFont(StandardFonts.HelveticaOblique);
  const title = source.data.title;
  doc.setTitle(title);
  doc.setProducer('Atelier');
  doc.setCreator(`Atelier ${APP_VERSION}`);
  doc.setCreationDate(new Date());
  doc.setSubject(`A storyboard of ${media.length} scene${media.length === 1 ? '' : 's'}`);
  const credits = media.flatMap((m) => (m.image ? [originLine(m.image.asset)] : [])).filter(Boolean);
  if (credits.length) doc.setKeywords(credits.map(winAnsi));

  const cover = doc.addPage([PAGE.width, PAGE.height]);
  drawLines(cover, wrap(winAnsi(title), bold, 36, PAGE.width - 2 * MARGIN), bold, 36, PAGE.height / 2 + 40);
  drawLines(cover, [winAnsi(`${media.length} scene${media.length === 1 ? '' : 's'} - made with Atelier`)], regular, 14, PAGE.height / 2 - 20);

  for (const [i, m] of media.entries()) {
    if (context.signal.aborted) return;
    context.progress({ fraction: i / Math.max(1, media.length), detail: `page ${i + 2}/${media.length + 1}` });
    const page = doc.addPage([PAGE.width, PAGE.height]);
    let y = PAGE.height - MARGIN;
    const heading = winAnsi(sceneHeading(m.scene, i));
    page.drawText(heading, { x: MARGIN, y: y - 20, size: 20, font: bold });
    y -= 34;
    if (m.image) {
      const image = await embedImage(doc, m.image.path);
      const box = { width: PAGE.width - 2 * MARGIN, height: 320 };
      const scale = Math.min(box.width / image.width, box.height / image.height);
      const w = image.width * scale;
      const h = image.height * scale;
      page.drawImage(image, { x: (PAGE.width - w) / 2, y: y - h, width: w, height: h });
      y -= h + 6;
      const credit = originLine(m.image.asset);
      if (credit) {
        const lines = wrap(winAnsi(credit), italic, 8, box.width).slice(0, 2);
        for (const line of lines) {
          page.drawText(line, { x: MARGIN, y: y - 8, size: 8, font: italic, color: rgb(0.4, 0.4, 0.4) });
          y -= 10;
        }
      }
      y -= 8;
    }
    drawTextBlock(page, winAnsi(m.scene.text), regular, y, MARGIN);
  }
  if (context.signal.aborted) return;
  await fs.writeFile(out, await doc.save());
}

/** PNG and JPEG go in as they are; anything else (WebP, AVIF, GIF…) becomes PNG first. */
async function embedImage(doc: PDFDocument, file: string): Promise<PDFImage> {
  const bytes = await fs.readFile(file);
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return doc.embedPng(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return doc.embedJpg(bytes);
  return doc.embedPng(await sharp(bytes).png().toBuffer());
}

/** Text wrapped into the space left, shrinking the size to fit; past 8 pt the rest is cut with "...". */
function drawTextBlock(page: PDFPage, text: string, font: PDFFont, top: number, bottom: number): void {
  const width = PAGE.width - 2 * MARGIN;
  for (const size of [14, 12, 10, 8]) {
    const lines = wrap(text, font, size, width);
    const lineHeight = size * 1.35;
    const room = Math.floor((top - bottom) / lineHeight);
    if (lines.length <= room || size === 8) {
      const shown = lines.length <= room ? lines : [...lines.slice(0, Math.max(0, room - 1)), '...'];
      shown.forEach((line, n) => page.drawText(line, { x: MARGIN, y: top - size - n * lineHeight, size, font }));
      return;
    }
  }
}

function drawLines(page: PDFPage, lines: string[], font: PDFFont, size: number, y: number): void {
  lines.forEach((line, n) => {
    const w = font.widthOfTextAtSize(line, size);
    page.drawText(line, { x: (PAGE.width - w) / 2, y: y - n * size * 1.2, size, font });
  });
}

/** Greedy word wrap that keeps paragraph breaks and splits words longer than a line. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        out.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    out.push(line);
  }
  return out;
}

/** The standard PDF fonts speak WinAnsi only: other characters become "?" rather than failing the export. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function winAnsi(text: string): string {
  return [...text.replace(/\t/g, '    ')]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      if (c === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(c)) return c;
      return '?';
    })
    .join('');
}
