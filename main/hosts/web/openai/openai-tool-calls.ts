import { randomBytes } from 'node:crypto';
import type { ToolCall, ToolCallFragment } from '../../../core/text/text-service.js';

/** A call as OpenAI's chat completions carry it. */
interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A streamed piece of a call: the first names it (id, type, name), the rest add to its arguments. */
type ToolCallDelta = { index: number } & (
  { id: string; type: 'function'; function: { name: string; arguments: string } } | { function: { arguments: string } }
);

const newCallId = () => `call_${randomBytes(12).toString('hex')}`;

/**
 * Gives each of a reply's calls an id and streams them the way OpenAI does: a first
 * delta with `index`, `id`, `type` and the name (arguments ''), then argument fragments
 * under the same `index`. Calls the engine never streamed (a function without
 * parameters) are sent whole at the end; the final message uses the same ids.
 */
export class ToolCallIds {
  private readonly ids: string[] = [];

  deltas(fragment: ToolCallFragment): ToolCallDelta[] {
    const out: ToolCallDelta[] = [];
    if (this.ids[fragment.index] === undefined) {
      const id = newCallId();
      this.ids[fragment.index] = id;
      out.push({ index: fragment.index, id, type: 'function', function: { name: fragment.name, arguments: '' } });
    }
    if (fragment.fragment !== '') out.push({ index: fragment.index, function: { arguments: fragment.fragment } });
    return out;
  }

  complete(calls: readonly ToolCall[]): { all: OpenAiToolCall[]; unstreamed: ToolCallDelta[] } {
    const unstreamed: ToolCallDelta[] = [];
    const all = calls.map((call, index): OpenAiToolCall => {
      let id = this.ids[index];
      if (id === undefined) {
        id = newCallId();
        this.ids[index] = id;
        unstreamed.push({ index, id, type: 'function', function: { name: call.name, arguments: call.arguments } });
      }
      return { id, type: 'function', function: { name: call.name, arguments: call.arguments } };
    });
    return { all, unstreamed };
  }
}
