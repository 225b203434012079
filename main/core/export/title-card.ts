import sharp from '../../platform/lazy-sharp.js';

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Splits text into at most `maxLines` lines of about `perLine` characters. */
function lines(text: string, perLine: number, maxLines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > perLine) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.length > maxLines ? [...out.slice(0, maxLines - 1), `${out[maxLines - 1]}…`] : out;
}

/** A plain card (dark background, the scene title in DejaVu Sans) for a scene without a picture. */
export async function titleCard(title: string, width: number, height: number): Promise<Buffer> {
  const size = Math.round(height / 12);
  const rows = lines(title, Math.max(8, Math.floor(width / (size * 0.6))), 3);
  const top = height / 2 - ((rows.length - 1) * size * 1.25) / 2;
  const text = rows
    .map((row, i) => `<text x="50%" y="${top + i * size * 1.25}" text-anchor="middle" dominant-baseline="middle">${escapeXml(row)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#1d2233"/>
<g font-family="DejaVu Sans" font-size="${size}" font-weight="bold" fill="#f2f2f2">${text}</g>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
