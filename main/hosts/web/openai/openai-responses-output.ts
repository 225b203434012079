import { randomBytes } from 'node:crypto';
import type { TextGenerationResult, ToolCallFragment } from '../../../core/text/text-service.js';
import type { ResponsesBody } from './openai-responses-schemas.js';
import type { ConversationItem } from './openai-responses-store.js';

const newId = (prefix: string) => `${prefix}_${randomBytes(16).toString('hex')}`;

/** Where the events go: the SSE stream when the client streams, nowhere otherwise. */
type EmitEvent = (type: string, event: Record<string, unknown>) => void;

interface OpenMessage {
  index: number;
  id: string;
  text: string;
}
interface OpenCall {
  index: number;
  id: string;
  callId: string;
  name: string;
  arguments: string;
}

const outputText = (text: string) => ({ type: 'output_text', text, annotations: [], logprobs: [] });
const messageItem = (message: OpenMessage, status: string, text?: string) => ({
  id: message.id,
  type: 'message',
  status,
  role: 'assistant',
  content: text === undefined ? [] : [outputText(text)],
});
const callItem = (call: OpenCall, status: string, args: string) => ({
  id: call.id,
  type: 'function_call',
  status,
  arguments: args,
  call_id: call.callId,
  name: call.name,
});

/**
 * One response as OpenAI's Responses API shapes it, built while the engine generates:
 * each event carries the next `sequence_number`, in the order the clients' accumulators
 * expect (an item is added before its content, a content part before its text deltas,
 * everything done before `response.completed`). Unstreamed, the same builder just
 * collects the output items.
 */
export class ResponseBuilder {
  readonly id = newId('resp');
  private readonly createdAt = Math.floor(Date.now() / 1000);
  private sequence = 0;
  private readonly output: Record<string, unknown>[] = [];
  private message: OpenMessage | undefined;
  private readonly calls: OpenCall[] = [];

  constructor(
    private readonly body: ResponsesBody,
    private readonly emitter?: EmitEvent,
  ) {}

  private emit(type: string, fields: Record<string, unknown>): void {
    this.emitter?.(type, { type, sequence_number: this.sequence++, ...fields });
  }

  /** The response object in any state; `usage` and the final status come with the result. */
  snapshot(status: string, result?: TextGenerationResult): { id: string } & Record<string, unknown> {
    const { body } = this;
    const incomplete = status === 'incomplete';
    return {
      id: this.id,
      object: 'response',
      created_at: this.createdAt,
      status,
      background: false,
      error: null,
      incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
      instructions: body.instructions ?? null,
      max_output_tokens: body.max_output_tokens ?? null,
      metadata: body.metadata ?? {},
      model: body.model,
      output: status === 'in_progress' ? [] : this.output,
      parallel_tool_calls: body.parallel_tool_calls ?? true,
      previous_response_id: body.previous_response_id ?? null,
      reasoning: { effort: null, summary: null },
      store: body.store !== false,
      temperature: body.temperature ?? 1,
      text: { format: body.text?.format ?? { type: 'text' } },
      tool_choice: body.tool_choice ?? 'auto',
      tools: (body.tools ?? []).map((t) => ({
        type: 'function',
        name: t.name,
        description: t.description ?? null,
        parameters: t.parameters ?? null,
        strict: t.strict ?? true,
      })),
      top_p: body.top_p ?? 1,
      truncation: 'disabled',
      user: null,
      usage: result
        ? {
            input_tokens: result.promptTokens,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: result.tokens,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: result.promptTokens + result.tokens,
          }
        : null,
    };
  }

  start(): void {
    this.emit('response.created', { response: this.snapshot('in_progress') });
    this.emit('response.in_progress', { response: this.snapshot('in_progress') });
  }

  /** More of the reply's words: the first opens a message item and its one output_text part. */
  text(delta: string): void {
    if (!this.message) {
      this.message = { index: this.output.length, id: newId('msg'), text: '' };
      this.output.push(messageItem(this.message, 'in_progress'));
      this.emit('response.output_item.added', { output_index: this.message.index, item: messageItem(this.message, 'in_progress') });
      this.emit('response.content_part.added', { item_id: this.message.id, output_index: this.message.index, content_index: 0, part: outputText('') });
    }
    this.message.text += delta;
    this.emit('response.output_text.delta', { item_id: this.message.id, output_index: this.message.index, content_index: 0, delta, logprobs: [] });
  }

  /** More of a call's arguments: the first fragment of a call adds its item (arguments ''). */
  callFragment(fragment: ToolCallFragment): void {
    let call = this.calls[fragment.index];
    if (!call) call = this.openCall(fragment.index, fragment.name);
    call.arguments += fragment.fragment;
    if (fragment.fragment !== '') this.emit('response.function_call_arguments.delta', { item_id: call.id, output_index: call.index, delta: fragment.fragment });
  }

  private openCall(index: number, name: string): OpenCall {
    const call: OpenCall = { index: this.output.length, id: newId('fc'), callId: `call_${randomBytes(12).toString('hex')}`, name, arguments: '' };
    this.calls[index] = call;
    this.output.push(callItem(call, 'in_progress', ''));
    this.emit('response.output_item.added', { output_index: call.index, item: callItem(call, 'in_progress', '') });
    return call;
  }

  /**
   * Closes every item with the engine's final word (its text, each call's arguments as the
   * host re-serialised them), then the response: `completed`, or `incomplete` when the
   * reply ran into max_output_tokens.
   */
  finish(result: TextGenerationResult): { response: { id: string } & Record<string, unknown>; output: ConversationItem[] } {
    const status = result.stopReason === 'maxTokens' ? 'incomplete' : 'completed';
    const calls = result.toolCalls ?? [];
    // A reply of only function calls has no message; one whose words never streamed (a JSON reply made whole) gets it now.
    if (!this.message && (result.text !== '' || calls.length === 0)) this.text(result.text);
    const message = this.message;
    if (message) {
      const where = { item_id: message.id, output_index: message.index, content_index: 0 };
      this.emit('response.output_text.done', { ...where, text: result.text, logprobs: [] });
      this.emit('response.content_part.done', { ...where, part: outputText(result.text) });
      const item = messageItem(message, status, result.text);
      this.output[message.index] = item;
      this.emit('response.output_item.done', { output_index: message.index, item });
    }
    calls.forEach((made, index) => {
      const call = this.calls[index] ?? this.openCall(index, made.name);
      if (call.arguments === '' && made.arguments !== '')
        this.emit('response.function_call_arguments.delta', { item_id: call.id, output_index: call.index, delta: made.arguments });
      this.emit('response.function_call_arguments.done', { item_id: call.id, output_index: call.index, name: made.name, arguments: made.arguments });
      const item = callItem(call, 'completed', made.arguments);
      this.output[call.index] = item;
      this.emit('response.output_item.done', { output_index: call.index, item });
    });
    const response = this.snapshot(status, result);
    this.emit(status === 'completed' ? 'response.completed' : 'response.incomplete', { response });
    return { response, output: this.output as ConversationItem[] };
  }

  /** A failure after the stream began, readable by both the openai client (`error`) and the AI SDK (nested or flat). */
  fail(error: { message: string; type: string; code: string | null; param: string | null }): void {
    this.emit('error', { code: error.code, message: error.message, param: error.param, error });
  }
}
