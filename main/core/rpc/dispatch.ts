import type { z } from 'zod';
import { calls, isCallName, type CallName, type CallOutput, type ParsedInput } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';

export type Handlers = {
  [N in CallName]: (input: ParsedInput<N>) => Promise<CallOutput<N>>;
};

/**
 * The single entry for every host: refuses names outside the contract and
 * payloads that do not parse, before any handler sees them.
 */
export async function dispatch(handlers: Handlers, name: string, raw: unknown): Promise<unknown> {
  if (!isCallName(name)) throw new AtelierError('UNKNOWN_CALL', `There is no call named "${name}".`);
  const parsed = calls[name].input.safeParse(raw ?? {});
  if (!parsed.success) throw invalidInput(name, parsed.error);
  const handler = handlers[name] as (input: unknown) => Promise<unknown>;
  return handler(parsed.data);
}

export function invalidInput(name: string, error: z.ZodError): AtelierError {
  const described = error.issues.slice(0, 3).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(input)';
    return `${field}: ${issue.message}`;
  });
  return new AtelierError('INVALID_INPUT', `Invalid input for ${name}: ${described.join('; ')}`);
}
