/**
 * Function calling in the llama host: OpenAI-style messages and tools become
 * node-llama-cpp's chat history and `functions`, and LlamaChat generates the reply
 * through the model's own chat wrapper. LlamaChat constrains every call with a grammar
 * (the function's name, then its parameters' JSON schema), so a call is always well formed.
 * A model whose template has no tool format gets node-llama-cpp's generic one
 * (`||call: name({...})`, results as `||result: …`; docs/openai-api.md).
 */
import {
  LlamaChat,
  LlamaText,
  type ChatHistoryItem,
  type ChatModelFunctionCall,
  type ChatModelFunctions,
  type ChatModelResponse,
  type ChatWrapper,
  type ChatWrapperGenerateContextStateOptions,
  type ChatWrapperGeneratedContextState,
  type GbnfJsonSchema,
  type LLamaChatGenerateResponseOptions,
  type LlamaContextSequence,
} from 'node-llama-cpp';
import { AtelierError } from '../../../preload/errors.js';
import type { ChatMessage, SeededTextGenerationRequest } from './text-generation.js';
import type { Tool, ToolCall, ToolCallFragment, ToolChoice } from './text-tools.js';

type ChatRequest = Extract<SeededTextGenerationRequest, { kind: 'chat' }>;

/** Whether a chat request needs the function-calling path (tools offered, or calls and results in the history). */
export function usesTools(request: ChatRequest): boolean {
  return (request.tools?.length ?? 0) > 0 || request.messages.some((m) => m.role === 'tool' || (m.toolCalls?.length ?? 0) > 0);
}

function parseArguments(call: ToolCall): unknown {
  try {
    return JSON.parse(call.arguments || '{}') as unknown;
  } catch {
    throw new AtelierError('INVALID_INPUT', `The arguments of the call to ${call.name} are not JSON: ${call.arguments.slice(0, 80)}`);
  }
}

/** A tool's output is usually JSON text; the wrapper writes results as JSON, so a plain string stays a string. */
function resultValue(content: string): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return content;
  }
}

/**
 * OpenAI messages as node-llama-cpp history. An assistant turn, its calls, their results
 * and the words after them are one model response there, so they merge into one item;
 * the history always ends with the model response being written.
 */
function toolHistory(messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  /** The calls of the current model response that have no result yet, with the ids the client gave them. */
  let open: { id: string | undefined; call: ChatModelFunctionCall; answered: boolean }[] = [];
  const currentModel = (): ChatModelResponse => {
    const last = history.at(-1);
    if (last?.type === 'model') return last;
    const item: ChatModelResponse = { type: 'model', response: [] };
    history.push(item);
    return item;
  };
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'user') {
      history.push(message.role === 'system' ? { type: 'system', text: message.content } : { type: 'user', text: message.content });
      open = [];
    } else if (message.role === 'assistant') {
      const model = currentModel();
      if (message.content) model.response.push(message.content);
      (message.toolCalls ?? []).forEach((call, index) => {
        const item: ChatModelFunctionCall = { type: 'functionCall', name: call.name, params: parseArguments(call), result: '', startsNewChunk: index === 0 };
        model.response.push(item);
        open.push({ id: call.id, call: item, answered: false });
      });
    } else {
      const match = message.toolCallId
        ? open.find((o) => o.id === message.toolCallId)
        : open.find((o) => !o.answered && (!message.name || o.call.name === message.name));
      if (!match)
        throw new AtelierError(
          'INVALID_INPUT',
          `A tool result (${message.toolCallId ?? message.name ?? 'no id'}) answers no function call of the assistant message before it.`,
        );
      match.call.result = resultValue(message.content);
      match.answered = true;
    }
  }
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}

/** The offered tools as node-llama-cpp functions; a named choice offers only that one. */
function functionsFor(tools: readonly Tool[], choice: ToolChoice | undefined): ChatModelFunctions | undefined {
  if (choice === 'none' || tools.length === 0) return undefined;
  const chosen = typeof choice === 'object' ? tools.filter((t) => t.name === choice.name) : tools;
  if (typeof choice === 'object' && chosen.length === 0)
    throw new AtelierError('INVALID_INPUT', `tool_choice names ${choice.name}, which is not among the tools.`);
  const functions: Record<string, { description?: string; params?: GbnfJsonSchema }> = {};
  for (const tool of chosen) {
    const params = tool.parameters && Object.keys((tool.parameters.properties as object | undefined) ?? {}).length > 0 ? tool.parameters : undefined;
    functions[tool.name] = { ...(tool.description && { description: tool.description }), ...(params && { params: params as GbnfJsonSchema }) };
  }
  return functions;
}

/**
 * The model's wrapper, made to open a function call at once: node-llama-cpp's
 * `noPrefixTrigger: functionCall` injects the wrapper's call prefix and lets the grammar
 * pick among the offered functions, so `required` and a named choice always call.
 * The delegate keeps every other behaviour (and setting) of the wrapper it wraps.
 */
function forcedCallWrapper(wrapper: ChatWrapper): ChatWrapper {
  const forced = Object.create(wrapper) as ChatWrapper;
  forced.generateContextState = function (this: ChatWrapper, options: ChatWrapperGenerateContextStateOptions): ChatWrapperGeneratedContextState {
    const state = wrapper.generateContextState.call(this, options);
    return {
      contextText: state.contextText,
      stopGenerationTriggers: state.stopGenerationTriggers,
      noPrefixTrigger: { type: 'functionCall', inject: LlamaText(wrapper.settings.functions.call.prefix) },
    };
  };
  return forced;
}

type Sampling = Pick<
  LLamaChatGenerateResponseOptions,
  'maxTokens' | 'temperature' | 'topP' | 'seed' | 'signal' | 'stopOnAbortSignal' | 'customStopTriggers' | 'onToken' | 'onTextChunk'
> & { grammar?: LLamaChatGenerateResponseOptions['grammar'] };

/**
 * Arguments arrive as the grammar lets them out, which includes whitespace after the
 * closing brace; that tail is held back, so the fragments a client joins are the JSON alone.
 */
function fragmentStream(emit: (fragment: ToolCallFragment) => void) {
  const held = new Map<number, string>();
  return (callIndex: number, name: string, chunk: string) => {
    if (chunk.trim() === '') {
      held.set(callIndex, (held.get(callIndex) ?? '') + chunk);
      return;
    }
    emit({ index: callIndex, name, fragment: (held.get(callIndex) ?? '') + chunk });
    held.delete(callIndex);
  };
}

interface ToolReply {
  text: string;
  reason: string;
  toolCalls: ToolCall[];
}

export async function generateWithTools(
  target: { sequence: LlamaContextSequence; chatWrapper: ChatWrapper },
  request: ChatRequest,
  sampling: Sampling,
  emitCall: (fragment: ToolCallFragment) => void,
): Promise<ToolReply> {
  const functions = functionsFor(request.tools ?? [], request.toolChoice);
  const forced = functions !== undefined && (request.toolChoice === 'required' || typeof request.toolChoice === 'object');
  if (functions && sampling.grammar) throw new AtelierError('INVALID_INPUT', 'A response format cannot be combined with tools the model may call.');
  const chatWrapper = forced ? forcedCallWrapper(target.chatWrapper) : target.chatWrapper;
  const chat = new LlamaChat({ contextSequence: target.sequence, chatWrapper, autoDisposeSequence: false });
  const fragment = fragmentStream(emitCall);
  try {
    const history = toolHistory(request.messages);
    const { grammar, ...rest } = sampling;
    const reply = functions
      ? await chat.generateResponse(history, {
          ...rest,
          functions,
          ...(request.parallelToolCalls === false && { maxParallelFunctionCalls: 1 }),
          onFunctionCallParamsChunk: (chunk) => fragment(chunk.callIndex, chunk.functionName, chunk.paramsChunk),
        })
      : await chat.generateResponse(history, { ...rest, ...(grammar && { grammar }) });
    const toolCalls = (reply.functionCalls ?? []).map((call) => ({ name: call.functionName, arguments: JSON.stringify(call.params ?? {}) }));
    return { text: reply.response, reason: reply.metadata.stopReason, toolCalls };
  } catch (error) {
    // A parameters schema node-llama-cpp's grammar cannot express is the caller's to fix; anything else is the engine's.
    if (error instanceof AtelierError || !/schema|grammar|gbnf/i.test((error as Error).message)) throw error;
    throw new AtelierError('INVALID_INPUT', `The tools could not be offered to the model: ${(error as Error).message}`);
  } finally {
    chat.dispose({ disposeSequence: false });
  }
}
