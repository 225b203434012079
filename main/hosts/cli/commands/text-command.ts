import fs from 'node:fs/promises';
import { AtelierError } from '../../../../preload/errors.js';
import { TEXT_LIMITS, TextSamplingSchema } from '../../../../preload/schemas/text.js';
import { createStudio } from '../../../app/studio.js';
import type { ChatMessage } from '../../../core/text/text-service.js';
import { parseCommand } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { numberFlag } from '../cli-numbers.js';
import { TEXT_HELP } from '../help/text-help.js';

async function readSchema(file: string): Promise<Record<string, unknown>> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AtelierError(
      code === 'ENOENT' ? 'NOT_FOUND' : 'IO_ERROR',
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw new AtelierError('INVALID_INPUT', `${file} is not JSON: ${(error as Error).message}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new AtelierError('INVALID_INPUT', `${file} must hold a JSON schema object.`);
  return parsed as Record<string, unknown>;
}

export async function textCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    {
      name: 'text',
      usage: TEXT_HELP,
      options: {
        model: { type: 'string', short: 'm' },
        system: { type: 'string' },
        'max-tokens': { type: 'string' },
        temperature: { type: 'string' },
        'top-p': { type: 'string' },
        seed: { type: 'string' },
        'json-schema': { type: 'string' },
      },
    },
    args,
  );
  if (positionals.length !== 1 || !positionals[0]?.trim()) throw new UsageError('give the prompt as one argument (quote it).');
  // The flags name themselves in a usage error; the contract's schema fills the defaults the Write tab uses.
  const sampling = TextSamplingSchema.parse({
    maxTokens: numberFlag(values['max-tokens'], '--max-tokens', TEXT_LIMITS.maxTokens.min, TEXT_LIMITS.maxTokens.max, true),
    temperature: numberFlag(values.temperature, '--temperature', TEXT_LIMITS.temperature.min, TEXT_LIMITS.temperature.max),
    topP: numberFlag(values['top-p'], '--top-p', TEXT_LIMITS.topP.min, TEXT_LIMITS.topP.max),
    seed: numberFlag(values.seed, '--seed', TEXT_LIMITS.seed.min, TEXT_LIMITS.seed.max, true),
  });
  const jsonSchema = values['json-schema'] !== undefined ? await readSchema(values['json-schema']) : undefined;
  const messages: ChatMessage[] = [];
  if (values.system?.trim()) messages.push({ role: 'system', content: values.system });
  messages.push({ role: 'user', content: positionals[0] });

  const studio = await createStudio({ host: 'cli' });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    const result = await studio.text.generate({ kind: 'chat', model: values.model, messages, sampling, jsonSchema }, controller.signal, (chunk) => {
      process.stdout.write(chunk);
    });
    process.stdout.write('\n');
    if (jsonSchema && result.json === undefined) {
      throw new AtelierError('INVALID_INPUT', `the reply is not complete JSON (it stopped: ${result.stopReason}); raise --max-tokens.`);
    }
    process.stderr.write(
      `${result.model.name} · ${result.tokens} tokens · ${result.tokensPerSecond.toFixed(1)} tok/s · seed ${result.seed}` +
        `${result.stopReason === 'maxTokens' ? ' · stopped at --max-tokens' : ''}\n`,
    );
  } finally {
    process.off('SIGINT', stop);
    await studio.dispose();
  }
}
