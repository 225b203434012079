import fs from 'node:fs/promises';
import type { z } from 'zod';
import { AtelierError } from '../../../preload/errors.js';
import { JSON_LIMITS, jsonTextDepth } from '../../../preload/limits.js';

export type JsonReadResult<T> = { ok: true; value: T; text: string } | { ok: false; reason: 'missing' } | { ok: false; reason: 'invalid'; message: string };

/**
 * JSON.parse for text the app did not write itself this run (files on disk, bundle
 * entries): the nesting is counted on the text first, so an over-deep file is refused
 * with a typed error instead of overflowing the stack of whatever walks it later.
 */
export function parseJsonText(text: string, what: string, maxDepth: number = JSON_LIMITS.file.depth): unknown {
  if (jsonTextDepth(text, maxDepth) > maxDepth) throw new AtelierError('INVALID_INPUT', `${what} is nested deeper than ${maxDepth} levels.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AtelierError('INVALID_INPUT', `${what} is not valid JSON (${(error as Error).message}).`);
  }
}

/** Reads and validates a JSON file, telling a missing file apart from a damaged one; `text` is what was read (the journal hashes it). */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<JsonReadResult<z.output<S>>> {
  const text = await readTextFile(file);
  return text === null ? { ok: false, reason: 'missing' } : checkJsonText(text, schema);
}

/** A file's text, or null when there is no such file. */
export async function readTextFile(file: string): Promise<string | null> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** What readJsonFile does once it has the text: parse with the depth bound, then the schema. */
export function checkJsonText<S extends z.ZodType>(text: string, schema: S): JsonReadResult<z.output<S>> {
  let data: unknown;
  try {
    data = parseJsonText(text, 'the file');
  } catch (error) {
    return { ok: false, reason: 'invalid', message: (error as Error).message.replace(/^the file is /, '').replace(/\.$/, '') };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: 'invalid', message: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, value: parsed.data, text };
}
