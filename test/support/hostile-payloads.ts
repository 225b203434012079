/**
 * fast-check arbitraries for request bodies a hostile or broken client could send:
 * wrong types, huge strings, deep nesting as raw JSON text, prototype keys, invalid
 * UTF-8, empty and non-JSON bodies, odd numbers, extra keys and odd content types.
 * Bodies are raw text or bytes (never JSON.stringify of an object) so that keys such
 * as `__proto__` and 10,000-deep nesting reach the server exactly as written.
 */
import fc from 'fast-check';
import type { z } from 'zod';

export interface HostileBody {
  /** undefined: no Content-Type header at all. */
  contentType: string | undefined;
  body: string | Uint8Array;
}

export const DEEP = 10_000;
export const HUGE = 1024 * 1024;
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'];

export const deepArray = (depth = DEEP) => '['.repeat(depth) + ']'.repeat(depth);
export const deepObject = (depth = DEEP) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const hugeString = `"${'x'.repeat(HUGE)}"`;

/** Keys a schema names, at any depth (objects, unions, optionals, defaults, arrays), so payloads often hit real fields. */
export function schemaKeys(schema: z.ZodType, depth = 0, into = new Set<string>()): Set<string> {
  if (depth > 6) return into;
  const def = (schema as unknown as { def?: Record<string, unknown> }).def ?? {};
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (shape && typeof shape === 'object') {
    for (const [key, child] of Object.entries(shape)) {
      into.add(key);
      schemaKeys(child, depth + 1, into);
    }
  }
  for (const field of ['innerType', 'in', 'out', 'element', 'valueType']) {
    const child = def[field];
    if (child && typeof child === 'object') schemaKeys(child as z.ZodType, depth + 1, into);
  }
  if (Array.isArray(def.options)) for (const option of def.options) schemaKeys(option as z.ZodType, depth + 1, into);
  return into;
}

const oddNumbers = fc.constantFrom('1e309', '-1e309', '-0', '1e-400', '9007199254740993', '-9007199254740993', '0.1e1', '1E400');
const oddStrings = fc.constantFrom(
  '"NaN"',
  '"Infinity"',
  '"-0"',
  '""',
  '"\\u0000"',
  '"\\ud800"',
  '"\\udfff\\ud800"',
  '"../../etc/passwd"',
  '"%2e%2e%2f"',
  '"C:\\\\Windows"',
);

/** One JSON value as raw text, hostile more often than not. */
export function hostileValue(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 2, arbitrary: oddNumbers },
    { weight: 2, arbitrary: oddStrings },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => JSON.stringify(s)) },
    { weight: 1, arbitrary: fc.constant(hugeString) },
    { weight: 1, arbitrary: fc.constantFrom(deepArray(), deepObject()) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS).map((k) => `{${JSON.stringify(k)}:{"polluted":true}}`) },
  );
}

/** An object as raw JSON text whose keys come from the schema, prototype names and noise. */
function hostileObject(keys: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: keys.length > 0 ? 5 : 0, arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('x') },
    { weight: 2, arbitrary: fc.constantFrom(...PROTO_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  return fc.array(fc.tuple(key, hostileValue()), { maxLength: 5 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
}

/** Whole bodies that are not a JSON object at all. */
const rawBodies = fc.constantFrom(
  '',
  ' ',
  'not json',
  '{',
  '{"a":',
  '[]',
  'null',
  'true',
  '1e309',
  '-0',
  '"NaN"',
  '\u0000',
  '{"a":1}{"b":2}',
  '{"a":1,}',
  "{'a':1}",
  '\ufeff{}',
  deepArray(),
  deepObject(),
  `{"x":${deepArray()}}`,
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  hugeString,
);

/** Bytes that are not valid UTF-8 (lone continuation bytes, overlong forms, surrogates, truncation). */
function invalidUtf8(keys: readonly string[]): fc.Arbitrary<Uint8Array> {
  const bad = fc.constantFrom([0xff], [0xfe, 0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]);
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('x');
  return fc.oneof(
    fc.tuple(key, bad).map(([k, b]) => Buffer.concat([Buffer.from(`{"${k}":"`), Buffer.from(b), Buffer.from('"}')])),
    fc.tuple(bad, fc.uint8Array({ maxLength: 64 })).map(([b, rest]) => Buffer.concat([Buffer.from(b), Buffer.from(rest)])),
  );
}

const contentTypes = fc.oneof(
  { weight: 8, arbitrary: fc.constant<string | undefined>('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined,
      'text/plain',
      'application/octet-stream',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/xml',
      'Application/JSON',
      '',
    ),
  },
);

/** Any hostile body, sent under any content type, for a call or route whose input schema is `schema`. */
export function hostileBody(schema?: z.ZodType): fc.Arbitrary<HostileBody> {
  const keys = schema ? [...schemaKeys(schema)] : [];
  const body: fc.Arbitrary<string | Uint8Array> = fc.oneof(
    { weight: 6, arbitrary: hostileObject(keys) as fc.Arbitrary<string | Uint8Array> },
    { weight: 2, arbitrary: rawBodies },
    { weight: 1, arbitrary: invalidUtf8(keys) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 50 }) },
  );
  return fc.record({ contentType: contentTypes, body });
}

/** Short text of a body for a failure message (a 1 MB body is not printed whole). */
export function describeBody(input: HostileBody): string {
  const text = typeof input.body === 'string' ? input.body : `bytes ${Buffer.from(input.body).toString('hex')}`;
  return `${input.contentType ?? '(no content-type)'}: ${text.length > 200 ? `${text.slice(0, 200)}… (${text.length} chars)` : text}`;
}

/**
 * A valid body with one field replaced by a hostile value (or one hostile extra key):
 * reaches the checks past the first, and sometimes is valid and does real work.
 */
export function nearValidBody(base: Record<string, unknown>, schema: z.ZodType): fc.Arbitrary<HostileBody> {
  const keys = [...new Set([...Object.keys(base), ...schemaKeys(schema), ...PROTO_KEYS])];
  return fc.tuple(fc.constantFrom(...keys), hostileValue()).map(([key, value]) => {
    const kept = Object.entries(base)
      .filter(([k]) => k !== key)
      .map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    return { contentType: 'application/json', body: `{${[...kept, `${JSON.stringify(key)}:${value}`].join(',')}}` };
  });
}
