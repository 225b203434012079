import type { z } from 'zod';
import { JOB_RESULTS } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';

/** Result schemas by job kind: the contract's map, or a test's own. */
export type ResultSchemas<K extends string = string> = Readonly<Record<K, z.ZodType>>;

export const CONTRACT_RESULTS: ResultSchemas = JOB_RESULTS;

/**
 * Checks what a finished job returned against its kind's schema. A mismatch is a bug in
 * main (the contract promises clients the shape), so it becomes an INTERNAL error that
 * fails the job loudly instead of a result the renderer would have to second-guess.
 */
export function checkJobResult(schemas: ResultSchemas, kind: string, result: unknown): void {
  const schema = Object.hasOwn(schemas, kind) ? schemas[kind] : undefined;
  if (!schema) throw new AtelierError('INTERNAL', `Job kind "${kind}" has no result schema in the contract (preload/schemas/job-results.ts).`);
  const parsed = schema.safeParse(result);
  if (parsed.success) return;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(result)'}: ${issue.message}`)
    .join('; ');
  throw new AtelierError('INTERNAL', `A ${kind} job finished with a result that does not match its schema (${issues}).`);
}
