import fs from 'node:fs/promises';
import type { Asset, AssetOrigin } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { TextDocumentSave } from '../../../preload/schemas/text.js';
import { resolveAssetFile } from '../assets/asset-files.js';
import { saveGeneratedAsset } from '../assets/save-generated-asset.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import type { Logger } from '../../platform/log.js';
import type { ProjectStore } from '../projects/project-store.js';

/**
 * The largest document the Write tab opens or saves. The contract lets a save carry
 * 2 million characters; at up to 2 bytes each for most scripts that fits, and a file
 * beyond it is more than a textarea should hold.
 */
const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
const MAX_DOCUMENT_CHARS = 2_000_000;

/** "Chapter one" ⇄ "Chapter one.md": the asset keeps the extension people see on disk, the editor does not. */
export function documentFileName(name: string): string {
  return /\.(md|markdown)$/i.test(name) ? name : `${name}.md`;
}

export function documentTitle(assetName: string): string {
  return assetName.replace(/\.(md|markdown|txt)$/i, '') || assetName;
}

/** How the saved document was made: by the text engine when a suggestion was accepted, else by hand in the editor. */
export function documentOrigin(origin: TextDocumentSave['origin']): AssetOrigin {
  if (!origin?.model) return { engine: 'editor' };
  return {
    engine: 'llama',
    model: origin.model,
    ...(origin.prompt !== undefined && { prompt: origin.prompt }),
    ...(origin.seed !== undefined && { seed: origin.seed }),
    ...(origin.parameters !== undefined && { parameters: origin.parameters }),
  };
}

function encode(markdown: string): Uint8Array {
  const bytes = new TextEncoder().encode(markdown);
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    throw new AtelierError(
      'TOO_LARGE',
      `The document is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; Atelier saves documents up to 4 MB. Split it in two.`,
    );
  }
  return bytes;
}

function textAssetOf(projects: ProjectStore, assetId: string): Asset {
  const { data } = projects.requireOpen();
  const asset = Object.hasOwn(data.assets, assetId) ? data.assets[assetId] : undefined;
  if (!asset) throw new AtelierError('NOT_FOUND', `No asset ${assetId} in the open project.`);
  if (asset.kind !== 'text')
    throw new AtelierError(
      'UNSUPPORTED',
      `${asset.name} is ${asset.kind === 'other' ? 'not a text file' : `an ${asset.kind} asset`}; the Write tab opens text and Markdown only.`,
    );
  return asset;
}

interface TextDocumentDeps {
  projects: ProjectStore;
  log?: Logger;
}

/** A new Markdown asset, or the same asset rewritten in place (its id, file and place in scenes stay). */
export async function saveTextDocument(deps: TextDocumentDeps, input: TextDocumentSave): Promise<Asset> {
  const bytes = encode(input.markdown);
  const projectId = deps.projects.requireOpen().data.id;
  const name = documentFileName(input.name);
  if (!input.assetId) {
    return saveGeneratedAsset(deps, projectId, { kind: 'text', mime: 'text/markdown', ext: 'md', bytes, name, origin: documentOrigin(input.origin) });
  }
  const assetId = input.assetId;
  const existing = textAssetOf(deps.projects, assetId);
  const { path: file } = await resolveAssetFile(deps.projects, assetId, 'file');
  try {
    await writeFileAtomic(file, bytes);
  } catch (error) {
    throw new AtelierError('IO_ERROR', `Could not save ${existing.name}: ${(error as Error).message}`);
  }
  // Without a new suggestion the document keeps the origin it had: hand edits do not erase how it began.
  const origin = input.origin?.model ? documentOrigin(input.origin) : existing.origin;
  const updated: Asset = { ...existing, name, size: bytes.byteLength, origin };
  await deps.projects.update(projectId, (project) => {
    if (!Object.hasOwn(project.assets, assetId)) throw new AtelierError('NOT_FOUND', `${existing.name} was removed while it was being saved.`);
    return { ...project, assets: { ...project.assets, [assetId]: updated } };
  });
  return updated;
}

export async function readTextDocument(projects: ProjectStore, assetId: string): Promise<{ assetId: string; name: string; markdown: string }> {
  const asset = textAssetOf(projects, assetId);
  const { path: file } = await resolveAssetFile(projects, assetId, 'file');
  const size = (await fs.stat(file)).size;
  if (size > MAX_DOCUMENT_BYTES) {
    throw new AtelierError('TOO_LARGE', `${asset.name} is ${(size / 1024 / 1024).toFixed(1)} MB; the Write tab opens documents up to 4 MB.`);
  }
  let markdown: string;
  try {
    markdown = new TextDecoder('utf-8', { fatal: true }).decode(await fs.readFile(file));
  } catch (error) {
    if (error instanceof TypeError) throw new AtelierError('UNSUPPORTED', `${asset.name} is not UTF-8 text, so the Write tab cannot open it.`);
    throw new AtelierError('IO_ERROR', `Could not read ${asset.name}: ${(error as Error).message}`);
  }
  if (markdown.length > MAX_DOCUMENT_CHARS) {
    throw new AtelierError('TOO_LARGE', `${asset.name} has ${markdown.length.toLocaleString('en')} characters; the Write tab opens up to 2,000,000.`);
  }
  // A byte-order mark is the editor's business, not the writer's.
  return { assetId, name: documentTitle(asset.name), markdown: markdown.replace(/^\uFEFF/, '') };
}
