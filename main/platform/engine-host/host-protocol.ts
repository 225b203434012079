import type { z } from 'zod';

/**
 * One method of an engine host: what main sends, what the host answers, and what it may
 * stream before answering. The host parses `params` at its entry (serve-engine.ts); main
 * checks `event`s and the `result` on arrival (engine-process.ts). Both ends import the
 * same map, so a method or a field renamed on one side fails to compile on the other.
 */
export interface HostMethod<Params extends z.ZodType = z.ZodType, Result extends z.ZodType = z.ZodType, Event extends z.ZodType = z.ZodType> {
  params: Params;
  result: Result;
  event?: Event;
}

/** Every method of one engine host, by name (for example main/engines/text/llama-host-api.ts). */
export type HostProtocol = Record<string, HostMethod>;

export type MethodName<P extends HostProtocol> = keyof P & string;

/** What the client sends: the schema's input (fields with defaults may be left out). */
export type ParamsIn<M extends HostMethod> = z.input<M['params']>;

/** What the host's method receives: parsed, defaults filled. */
export type ParamsOut<M extends HostMethod> = z.output<M['params']>;

/** What the host's method returns, and the client's promise resolves with. */
export type ResultOf<M extends HostMethod> = z.output<M['result']>;

/** What the host's method streams; `never` for a method that streams nothing. */
export type EventOf<M extends HostMethod> = M['event'] extends z.ZodType ? z.output<M['event']> : never;

/** Declares a host's protocol, keeping each method's schemas' own types. */
export function defineHostProtocol<P extends HostProtocol>(protocol: P): P {
  return protocol;
}

/** The first problem zod found, as one clause for a message: "request.sampling.topP Too small: …". */
export function firstIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || what} ${issue.message}` : `invalid ${what}`;
}
