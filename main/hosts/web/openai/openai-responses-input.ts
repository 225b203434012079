import type { z } from 'zod';
import type { ChatMessage } from '../../../core/text/text-service.js';
import { OpenAiError } from './openai-errors.js';
import type { ConversationItem, ResponseStore } from './openai-responses-store.js';
import {
  FunctionCallItemSchema,
  FunctionCallOutputItemSchema,
  ItemReferenceSchema,
  MessageItemSchema,
  type ResponsesBody,
  type ResponsesContent,
} from './openai-responses-schemas.js';

const badRequest = (message: string, param: string | null, code = 'invalid_request') => new OpenAiError(400, message, 'invalid_request_error', param, code);

/** What a text model cannot take, said plainly (the chat route says the same for its part types). */
const UNSEEN: Record<string, string> = {
  input_image: 'This model cannot see images: send the text only, or describe the picture in words.',
  input_audio: 'This model cannot hear audio: transcribe it first and send the text.',
  input_file: 'This model cannot read attached files: put their text in the message.',
};
const TEXT_PARTS = new Set(['input_text', 'output_text', 'text', 'refusal']);

function contentText(content: ResponsesContent, param: string): string {
  if (typeof content === 'string') return content;
  return content
    .map((part, p) => {
      const text = part.type === 'refusal' ? (part as { refusal?: unknown }).refusal : part.text;
      if (TEXT_PARTS.has(part.type) && typeof text === 'string') return text;
      const message = UNSEEN[part.type] ?? `Content parts of type "${part.type}" are not supported; send input_text parts.`;
      throw badRequest(message, `${param}[${p}]`, 'unsupported_content');
    })
    .join('');
}

function parseItem<S extends z.ZodType>(schema: S, item: unknown, param: string): z.output<S> {
  const parsed = schema.safeParse(item);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = issue && issue.path.length > 0 ? `${param}.${issue.path.join('.')}` : param;
  throw badRequest(`Invalid input item: ${at}: ${issue?.message ?? 'not valid'}`, at);
}

/** One input item, checked by its type; an `item_reference` becomes the stored item it names. */
function inputItem(item: { type?: string | undefined }, index: number, store: ResponseStore): ConversationItem {
  const param = `input[${index}]`;
  switch (item.type ?? 'message') {
    case 'message': {
      const message = parseItem(MessageItemSchema, item, param);
      contentText(message.content, `${param}.content`);
      return { ...message, type: 'message' };
    }
    case 'function_call':
      return parseItem(FunctionCallItemSchema, item, param);
    case 'function_call_output': {
      const output = parseItem(FunctionCallOutputItemSchema, item, param);
      contentText(output.output, `${param}.output`);
      return output;
    }
    case 'item_reference': {
      const { id } = parseItem(ItemReferenceSchema, item, param);
      const found = store.item(id);
      if (!found)
        throw badRequest(`No stored item has the id ${id} (items are kept in memory while the server runs, for stored responses only).`, `${param}.id`);
      return found;
    }
    default:
      throw badRequest(
        `Input items of type "${item.type}" are not supported here: send messages, function_call and function_call_output items.`,
        `${param}.type`,
        'unsupported_item',
      );
  }
}

/** The items the model reads for this request: the previous response's conversation, then this input. */
export function conversationOf(body: ResponsesBody, store: ResponseStore): { previous: readonly ConversationItem[]; input: ConversationItem[] } {
  let previous: readonly ConversationItem[] = [];
  if (body.previous_response_id) {
    const stored = store.get(body.previous_response_id);
    if (!stored)
      throw new OpenAiError(
        404,
        `No stored response has the id ${body.previous_response_id}: responses are kept in memory while the server runs, only with store not false.`,
        'invalid_request_error',
        'previous_response_id',
        'previous_response_not_found',
      );
    previous = stored.conversation;
  }
  const input =
    typeof body.input === 'string'
      ? [{ type: 'message', role: 'user', content: body.input }]
      : body.input.map((item, index) => inputItem(item as { type?: string }, index, store));
  return { previous, input };
}

/**
 * The conversation as the engine's chat messages: instructions first (a previous
 * response's are not carried over, as OpenAI documents), an assistant turn's text and the
 * function calls that follow it together, each `function_call_output` a tool result
 * matched to its call by `call_id`.
 */
export function responsesMessages(instructions: string | null | undefined, items: readonly ConversationItem[]): ChatMessage[] {
  const messages: ChatMessage[] = instructions ? [{ role: 'system', content: instructions }] : [];
  items.forEach((item, index) => {
    const param = `input[${index}]`;
    if (item.type === 'function_call') {
      const call = item as unknown as z.output<typeof FunctionCallItemSchema>;
      const toolCall = { id: call.call_id, name: call.name, arguments: call.arguments };
      const last = messages.at(-1);
      if (last?.role === 'assistant') last.toolCalls = [...(last.toolCalls ?? []), toolCall];
      else messages.push({ role: 'assistant', content: '', toolCalls: [toolCall] });
      return;
    }
    if (item.type === 'function_call_output') {
      const output = item as unknown as z.output<typeof FunctionCallOutputItemSchema>;
      messages.push({ role: 'tool', content: contentText(output.output, `${param}.output`), toolCallId: output.call_id });
      return;
    }
    const message = item as unknown as z.output<typeof MessageItemSchema>;
    const content = contentText(message.content, `${param}.content`);
    const role = message.role === 'developer' ? 'system' : message.role;
    messages.push({ role, content });
  });
  if (!messages.some((m) => m.role !== 'system')) throw badRequest('The input has no message for the model to answer.', 'input');
  return messages;
}
