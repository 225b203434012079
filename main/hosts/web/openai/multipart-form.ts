import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OpenAiError } from './openai-errors.js';

/** One uploaded file, read whole: uploads here are pictures and recordings a client chose to send. */
interface FormFile {
  field: string;
  filename: string;
  mimetype: string;
  data: Buffer;
}

/** A `multipart/form-data` body (OpenAI's upload routes: `/v1/audio/transcriptions`, `/v1/images/edits`). */
interface MultipartForm {
  files: readonly FormFile[];
  /** The fields as a plain object for a zod schema: one value as a string, a repeated field (`timestamp_granularities[]`) as an array. */
  fields: Readonly<Record<string, string | string[]>>;
  /** The first file sent under this field name. */
  file(name: string): FormFile | undefined;
}

/** An hour of 16-bit 48 kHz stereo WAV is about 690 MB; OpenAI's own limit is 25 MB. Bounded so a client cannot fill the memory. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const LIMITS = { fileSize: MAX_FILE_BYTES, files: 8, fields: 64, fieldSize: 1024 * 1024, parts: 80 };

/** Adds the multipart parser to the encapsulated /v1 context only; the studio's own routes stay JSON. */
export async function registerMultipart(app: FastifyInstance, maxFileBytes = MAX_FILE_BYTES): Promise<void> {
  await app.register(multipart, { limits: { ...LIMITS, fileSize: maxFileBytes }, throwFileSizeLimit: true });
}

function badForm(message: string, status = 400): OpenAiError {
  return new OpenAiError(status, message, 'invalid_request_error', null, 'invalid_request');
}

/**
 * Reads the whole form. Every refusal is an OpenAI error a client can read: not a form (400),
 * too many parts or a file over the limit (413), a field named like a prototype key (400).
 */
export async function readMultipartForm(request: FastifyRequest): Promise<MultipartForm> {
  if (!request.isMultipart()) throw badForm('This route takes multipart/form-data (a file upload), as OpenAI clients send it.');
  const files: FormFile[] = [];
  // No prototype: a field called `__proto__` or `constructor` is only a field (the library refuses them too).
  const fields = Object.create(null) as Record<string, string | string[]>;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        files.push({ field: part.fieldname, filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() });
        continue;
      }
      const value = typeof part.value === 'string' ? part.value : String(part.value);
      const before = fields[part.fieldname];
      fields[part.fieldname] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
    }
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) throw badForm(`The upload is too large: a file is over the limit, or there are more than ${LIMITS.files} files.`, 413);
    if (status !== undefined && status < 500) throw badForm(`Invalid form: ${(error as Error).message}.`);
    throw error;
  }
  return { files, fields, file: (name) => files.find((file) => file.field === name) };
}
