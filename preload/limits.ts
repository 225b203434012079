/**
 * Limits on JSON that a request or a file on disk controls. Defined once here so the
 * contract, the /v1 API and every reader on disk refuse the same things with the same
 * words. Depth is measured without recursion: an over-deep value must be refused, not
 * overflow the stack while being measured.
 */
import { z } from 'zod';

export const JSON_LIMITS = {
  /** A JSON schema for constrained generation (`response_format`, `text.generate`'s `jsonSchema`). */
  schema: { depth: 32, bytes: 64 * 1024 },
  /** Free-form parameters recorded with an asset (`origin.parameters`). */
  parameters: { depth: 32, bytes: 256 * 1024 },
  /** Any JSON file the app reads from disk (project.json, registry.json, settings.json…). */
  file: { depth: 64 },
} as const;

/**
 * Nesting depth of a parsed value: a scalar is 0, `{}` or `[]` is 1. Stops counting once
 * `stopAbove` is passed, so measuring a hostile value costs no more than refusing it.
 */
export function jsonDepth(value: unknown, stopAbove = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (typeof node !== 'object' || node === null) continue;
    // A cycle is not JSON; treat it as unbounded so it is refused.
    if (seen.has(node)) return Number.POSITIVE_INFINITY;
    seen.add(node);
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > stopAbove) return deepest;
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push([child, here]);
  }
  return deepest;
}

/**
 * Nesting depth of JSON text, counted over its brackets outside strings, so a file can
 * be refused before JSON.parse builds it (and before any recursive walk meets it).
 */
export function jsonTextDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** Why a value breaks the limits, in words a caller can act on; undefined when it fits. */
export function jsonLimitProblem(value: unknown, limits: { depth: number; bytes?: number }, what: string): string | undefined {
  if (jsonDepth(value, limits.depth) > limits.depth) return `${what} is nested deeper than ${limits.depth} levels.`;
  if (limits.bytes !== undefined) {
    let size: number;
    try {
      size = new TextEncoder().encode(JSON.stringify(value) ?? '').length;
    } catch {
      return `${what} is not plain JSON.`;
    }
    if (size > limits.bytes) return `${what} is larger than ${Math.round(limits.bytes / 1024)} kB of JSON (${Math.ceil(size / 1024)} kB).`;
  }
  return undefined;
}

/** The shared zod refinement: adds one issue when the value is too deep or too large. */
function checkJsonLimits(limits: { depth: number; bytes?: number }, what: string) {
  return (value: unknown, context: z.RefinementCtx): void => {
    const problem = jsonLimitProblem(value, limits, what);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  };
}

/** A JSON object (a schema, a parameter bag) held to `limits`. */
export function boundedJsonObject(limits: { depth: number; bytes?: number }, what: string) {
  return z.record(z.string(), z.unknown()).superRefine(checkJsonLimits(limits, what));
}
