import type { ChatMessage, Tool, ToolChoice } from '../../../core/text/text-service.js';
import { OpenAiError } from './openai-errors.js';
import type { ChatCompletionBody, OpenAiChatMessage, OpenAiMessageContent } from './openai-schemas.js';

/** What a text model cannot take, said plainly: clients send these parts to vision and audio models. */
const UNSEEN: Record<string, string> = {
  image_url: 'This model cannot see images: send the text only, or describe the picture in words.',
  input_audio: 'This model cannot hear audio: transcribe it first and send the text.',
  file: 'This model cannot read attached files: put their text in the message.',
};

function contentText(content: OpenAiMessageContent | null, index: number): string {
  if (content === null) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part, p) => {
      if (part.type === 'text' && typeof part.text === 'string') return part.text;
      const message = UNSEEN[part.type] ?? `Message content parts of type "${part.type}" are not supported; send text parts.`;
      throw new OpenAiError(400, message, 'invalid_request_error', `messages[${index}].content[${p}]`, 'unsupported_content');
    })
    .join('');
}

/** One OpenAI message as the engine's: developer is a system turn, function results are tool turns matched by name. */
function chatMessage(message: OpenAiChatMessage, index: number): ChatMessage {
  const content = contentText(message.content, index);
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content };
    case 'user':
      return { role: 'user', content };
    case 'assistant': {
      const calls = message.tool_calls ?? (message.function_call ? [{ id: undefined, function: message.function_call }] : []);
      const toolCalls = calls.map((call) => ({ ...(call.id && { id: call.id }), name: call.function.name, arguments: call.function.arguments }));
      return { role: 'assistant', content, ...(toolCalls.length > 0 && { toolCalls }) };
    }
    case 'tool':
      return { role: 'tool', content, toolCallId: message.tool_call_id };
    case 'function':
      return { role: 'tool', content, name: message.name };
  }
}

export function chatMessages(body: ChatCompletionBody): ChatMessage[] {
  return body.messages.map(chatMessage);
}

export function chatTools(body: ChatCompletionBody): { tools?: Tool[]; toolChoice?: ToolChoice; parallelToolCalls?: boolean } {
  const tools = (body.tools ?? []).map((t) => ({
    name: t.function.name,
    ...(t.function.description && { description: t.function.description }),
    ...(t.function.parameters && { parameters: t.function.parameters }),
  }));
  const choice = body.tool_choice;
  if (choice && choice !== 'none' && tools.length === 0)
    throw new OpenAiError(400, `tool_choice ${JSON.stringify(choice)} needs tools to choose from.`, 'invalid_request_error', 'tool_choice', 'invalid_request');
  if (typeof choice === 'object' && choice && !tools.some((t) => t.name === choice.function.name))
    throw new OpenAiError(
      400,
      `tool_choice names ${choice.function.name}, which is not among the tools.`,
      'invalid_request_error',
      'tool_choice',
      'invalid_request',
    );
  const toolChoice: ToolChoice | undefined = choice == null ? undefined : typeof choice === 'string' ? choice : { name: choice.function.name };
  return {
    ...(tools.length > 0 && { tools }),
    ...(toolChoice && { toolChoice }),
    ...(body.parallel_tool_calls != null && { parallelToolCalls: body.parallel_tool_calls }),
  };
}
