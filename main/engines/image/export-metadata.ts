import type { Sharp } from 'sharp';
import sharp from '../../platform/lazy-sharp.js';
import type { ImageFormat, ImageSettings } from '../../../preload/schemas/image.js';
import { asciiSafe, settingsFromA1111, settingsFromPng } from './image-metadata.js';
import { isPng, readTextChunks, withTextChunks, type PngTextEntry } from './png-text-chunks.js';

/**
 * What a picture says about how it was made, carried from one file to the next when it is
 * edited or upscaled: the A1111 "parameters" text and, from Atelier's own PNGs, its JSON.
 */
interface CarriedMetadata {
  parameters?: string;
  atelierJson?: string;
}

/** Pixels per inch written into JPEG and WebP (libvips writes 25.4 otherwise); PNGs get no pHYs at all. */
const EXPORT_DPI = 72;

/** Reads what is to be carried: PNG text chunks, else the XMP description of a JPEG or WebP. */
export async function carriedMetadata(input: Uint8Array): Promise<CarriedMetadata> {
  if (isPng(input)) {
    let entries: PngTextEntry[];
    try {
      entries = readTextChunks(input);
    } catch {
      return {};
    }
    const parameters = entries.findLast((e) => e.keyword === 'parameters')?.text;
    const atelierJson = entries.find((e) => e.keyword === 'atelier')?.text;
    return { ...(parameters !== undefined && { parameters }), ...(atelierJson !== undefined && { atelierJson }) };
  }
  const parameters = await xmpDescriptionOf(input);
  return parameters === undefined ? {} : { parameters };
}

/** PNG bytes with the carried text put back (tEXt ASCII, iTXt exact) and no pHYs. */
export function pngWithCarried(png: Uint8Array, carried: CarriedMetadata): Uint8Array {
  const entries: PngTextEntry[] = [];
  if (carried.parameters !== undefined) {
    const ascii = asciiSafe(carried.parameters);
    entries.push({ keyword: 'parameters', text: ascii, chunk: 'tEXt' });
    if (ascii !== carried.parameters) entries.push({ keyword: 'parameters', text: carried.parameters });
  }
  if (carried.atelierJson !== undefined) entries.push({ keyword: 'atelier', text: carried.atelierJson });
  return withTextChunks(png, entries);
}

/**
 * Sets a JPEG or WebP encoder to keep the parameters where photo tools look: EXIF
 * ImageDescription and UserComment (ASCII: EXIF strings are not UTF-8) and XMP
 * dc:description and exif:UserComment (UTF-8, exact). Other formats pass through.
 */
export function withCarriedExif(image: Sharp, format: ImageFormat, carried: CarriedMetadata): Sharp {
  if (format !== 'jpeg' && format !== 'webp') return image;
  const dense = image.withMetadata({ density: EXPORT_DPI });
  if (carried.parameters === undefined) return dense;
  const ascii = asciiSafe(carried.parameters);
  return dense.withExif({ IFD0: { ImageDescription: ascii, Software: 'Atelier' }, IFD2: { UserComment: ascii } }).withXmp(xmpPacket(carried.parameters));
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (text: string) =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;

function xmpPacket(parameters: string): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreatorTool>Atelier</xmp:CreatorTool><dc:description>${alt(parameters)}</dc:description><exif:UserComment>${alt(parameters)}</exif:UserComment>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>',
  ].join('');
}

async function xmpDescriptionOf(bytes: Uint8Array): Promise<string | undefined> {
  let xmp: Buffer | undefined;
  try {
    ({ xmp } = await sharp(bytes).metadata());
  } catch {
    return undefined;
  }
  if (!xmp) return undefined;
  const match = /<dc:description>\s*<rdf:Alt>\s*<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(xmp.toString('utf8'));
  return match ? unescapeXml(match[1] as string) : undefined;
}

/** Generation settings from any picture Atelier writes: PNG chunks, or a JPEG's or WebP's XMP. */
export async function settingsFromImage(bytes: Uint8Array): Promise<ImageSettings | null> {
  if (isPng(bytes)) return settingsFromPng(bytes);
  const parameters = await xmpDescriptionOf(bytes);
  return parameters === undefined ? null : settingsFromA1111(parameters);
}
