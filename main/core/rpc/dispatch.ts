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
  const handler = handlers[name] as (input: unknown) => Promise<unknown>;
  return handler(parseCallInput(name, raw));
}

/**
 * A call's input checked and completed (defaults filled) by the contract, exactly as
 * `dispatch` does for a host: core code that builds a request the way a host would (the
 * storyboard's pictures and narrations) passes it here before handing it to a service.
 */
export function parseCallInput<N extends CallName>(name: N, raw: unknown): ParsedInput<N> {
  const parsed = safeParseInput(name, raw ?? {});
  if (!parsed.success) throw invalidInput(name, parsed.error);
  return parsed.data as ParsedInput<N>;
}

/**
 * A refinement that throws (a `new URL` on text that is not one) or input nested deeper
 * than a recursive schema can walk (RangeError) is the caller's bad input, not a fault:
 * it answers INVALID_INPUT like any other refusal.
 */
function safeParseInput(name: CallName, raw: unknown) {
  try {
    return calls[name].input.safeParse(raw);
  } catch (error) {
    const reason = error instanceof RangeError ? 'it is nested too deeply' : (error as Error).message;
    throw new AtelierError('INVALID_INPUT', `Invalid input for ${name}: ${reason}`);
  }
}

export function invalidInput(name: string, error: z.ZodError): AtelierError {
  const described = error.issues.slice(0, 3).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(input)';
    return `${field}: ${issue.message}`;
  });
  return new AtelierError('INVALID_INPUT', `Invalid input for ${name}: ${described.join('; ')}`);
}
