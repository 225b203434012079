import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { CatalogEntry } from '../../preload/contract.js';
import { diffusersFiles, piperConfig, tinyGguf, tinyOnnx } from '../../models/fixtures/model-headers.js';
import type { ModelServer } from './model-server.js';

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Fixture bytes served by a test catalog, by catalog id. */
export interface TestCatalog {
  file: string;
  entries: CatalogEntry[];
  /** The GGUF of `tiny-text`. */
  tinyText: Buffer;
  /** The 2 MB GGUF of `big-text` (big enough to cut in half). */
  bigText: Buffer;
  bigTextPath: string;
}

function entry(partial: Omit<CatalogEntry, 'licence' | 'licenceUrl' | 'ramMb' | 'description' | 'source'>): CatalogEntry {
  return {
    licence: 'MIT',
    licenceUrl: 'https://example.org/licence',
    ramMb: 512,
    description: 'A fixture model for tests.',
    source: 'https://example.org/fixture',
    ...partial,
  };
}

/**
 * Serves fixture models on `server` and writes a catalog of them to `file`: a text,
 * voice and image model that download cleanly, a big one for interruptions, one whose
 * published checksum is wrong, one whose address is gone, and an error page posing as
 * a model.
 */
export async function writeTestCatalog(server: ModelServer, file: string): Promise<TestCatalog> {
  const tinyText = tinyGguf({ name: 'Tiny Text' });
  const bigText = tinyGguf({ name: 'Big Text', tensorElements: 512 * 1024 });
  const onnx = tinyOnnx({ inputs: ['input', 'input_lengths', 'scales'] });
  const voiceJson = Buffer.from(JSON.stringify(piperConfig()));
  const errorPage = Buffer.from('<!doctype html><title>Model not found</title><p>Sorry.</p>\n'.repeat(20));
  const file1 = (path: string, body: Buffer, withSha = true) => ({
    path: path.split('/').pop() as string,
    url: server.serve(path, body),
    size: body.length,
    ...(withSha && { sha256: sha256(body) }),
  });
  const entries: CatalogEntry[] = [
    entry({ id: 'tiny-text', name: 'Tiny Text', modality: 'text', format: 'gguf', files: [file1('/text/tiny-text.gguf', tinyText)] }),
    entry({ id: 'big-text', name: 'Big Text', modality: 'text', format: 'gguf', files: [file1('/text/big-text.gguf', bigText)] }),
    entry({
      id: 'bad-sum',
      name: 'Bad Checksum',
      modality: 'text',
      format: 'gguf',
      files: [{ ...file1('/text/bad-sum.gguf', tinyGguf({ name: 'Bad' })), sha256: 'f'.repeat(64) }],
    }),
    entry({
      id: 'gone',
      name: 'Gone',
      modality: 'text',
      format: 'gguf',
      files: [{ path: 'gone.gguf', url: server.url('/text/gone.gguf'), size: 100 }],
    }),
    entry({ id: 'error-page', name: 'Error Page', modality: 'text', format: 'gguf', files: [file1('/text/error-page.gguf', errorPage)] }),
    entry({
      id: 'tiny-voice',
      name: 'Tiny Voice',
      modality: 'voice',
      format: 'piper',
      languages: ['en-US'],
      files: [file1('/voice/xx_XX-tiny-medium.onnx', onnx), file1('/voice/xx_XX-tiny-medium.onnx.json', voiceJson, false)],
    }),
    entry({
      id: 'tiny-image',
      name: 'Tiny Image',
      modality: 'image',
      format: 'diffusers-onnx',
      files: Object.entries(diffusersFiles()).map(([rel, body]) => ({
        path: rel,
        url: server.serve(`/image/${rel}`, body),
        size: body.length,
        ...(rel.endsWith('.onnx') && { sha256: sha256(body) }),
      })),
    }),
  ];
  await fs.writeFile(file, JSON.stringify({ schemaVersion: 1, models: entries }, null, 2));
  return { file, entries, tinyText, bigText, bigTextPath: '/text/big-text.gguf' };
}
