import type { TextGenerationRequest, Tool, ToolChoice } from '../../../core/text/text-service.js';
import { OpenAiError } from './openai-errors.js';
import type { ResponsesBody } from './openai-responses-schemas.js';

/** When a client sets no limit: the chat route's default. */
const DEFAULT_MAX_OUTPUT_TOKENS = 1024;

const badRequest = (message: string, param: string, code = 'invalid_request') => new OpenAiError(400, message, 'invalid_request_error', param, code);

/** OpenAI takes any integer seed; the engine's are 32-bit, so others wrap into that range. */
const engineSeed = (seed: number) => ((seed % 2 ** 32) + 2 ** 32) % 2 ** 32;

/** Function tools only: hosted tools (web search, file search, code interpreter…) need OpenAI's servers. */
export function responsesTools(body: ResponsesBody): { tools?: Tool[]; toolChoice?: ToolChoice; parallelToolCalls?: boolean } {
  const tools = (body.tools ?? []).map((tool, index): Tool => {
    if (tool.type !== 'function')
      throw badRequest(
        `Tools of type "${tool.type}" are not available here: only function tools, which your code runs.`,
        `tools[${index}].type`,
        'unsupported_tool',
      );
    if (!tool.name) throw badRequest('A function tool needs a name.', `tools[${index}].name`);
    return { name: tool.name, ...(tool.description && { description: tool.description }), ...(tool.parameters && { parameters: tool.parameters }) };
  });
  const choice = body.tool_choice;
  let toolChoice: ToolChoice | undefined;
  if (typeof choice === 'string') toolChoice = choice;
  else if (choice) {
    if (choice.type !== 'function' || !choice.name)
      throw badRequest(`tool_choice of type "${choice.type}" is not supported here: use auto, none, required or { type: "function", name }.`, 'tool_choice');
    if (!tools.some((t) => t.name === choice.name)) throw badRequest(`tool_choice names ${choice.name}, which is not among the tools.`, 'tool_choice');
    toolChoice = { name: choice.name };
  }
  if (toolChoice && toolChoice !== 'none' && toolChoice !== 'auto' && tools.length === 0)
    throw badRequest(`tool_choice ${JSON.stringify(choice)} needs tools to choose from.`, 'tool_choice');
  return {
    ...(tools.length > 0 && { tools }),
    ...(toolChoice && { toolChoice }),
    ...(body.parallel_tool_calls != null && { parallelToolCalls: body.parallel_tool_calls }),
  };
}

/** Sampling and `text.format` as the engine takes them: a JSON schema or an any-object grammar. */
export function responsesTextOptions(body: ResponsesBody): Pick<TextGenerationRequest, 'sampling' | 'jsonSchema' | 'jsonObject'> {
  const format = body.text?.format;
  return {
    sampling: {
      temperature: body.temperature ?? 1,
      topP: body.top_p ?? 1,
      maxTokens: body.max_output_tokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
      ...(body.seed != null && { seed: engineSeed(body.seed) }),
    },
    ...(format?.type === 'json_schema' && { jsonSchema: format.schema }),
    ...(format?.type === 'json_object' && { jsonObject: true }),
  };
}

/** Asked for what an in-process server cannot do: said at once, with what to do instead. */
export function refuseUnsupported(body: ResponsesBody): void {
  if (body.background) throw badRequest('Background responses are not supported here: send the request and wait, or stream it.', 'background');
  if (body.conversation != null)
    throw badRequest('Conversations are not stored here: pass previous_response_id, or send the whole input each time.', 'conversation');
}
