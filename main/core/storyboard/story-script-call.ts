import { AtelierError } from '../../../preload/errors.js';
import type { StoryboardPrompt } from '../../../preload/schemas/storyboard-prompt.js';
import type { TextGenerationRequest, TextGenerationResult, TextService } from '../text/text-service.js';
import { storyScriptJsonSchema, storyScriptMaxTokens, storyScriptMessages } from './story-script.js';

/** The function the model is made to call with the whole storyboard as its arguments. */
const STORYBOARD_TOOL = 'write_storyboard';

/** What the script writer reads of a reply: the storyboard as JSON (absent when the model wrote none) and why it stopped. */
interface StoryScriptReply {
  json: unknown;
  stopReason: TextGenerationResult['stopReason'];
  model: TextGenerationResult['model'];
}

/**
 * Asks the text model for the storyboard. Local models get it as a forced function call
 * (`write_storyboard`, its parameters the storyboard's schema), which the model's own chat
 * wrapper formats as it was trained to call tools; remote models, and a local one whose
 * tools cannot be offered, get the older JSON-schema reply. Either way the arguments'
 * or reply's text streams to `onText`.
 */
export async function requestStoryScript(
  text: TextService,
  request: Pick<StoryboardPrompt, 'prompt' | 'sceneCount' | 'seed' | 'model'>,
  signal: AbortSignal,
  onText: (text: string) => void,
): Promise<StoryScriptReply> {
  const base = {
    kind: 'chat' as const,
    ...(request.model !== undefined && { model: request.model }),
    messages: storyScriptMessages(request.prompt, request.sceneCount),
    sampling: { temperature: 0.8, topP: 0.95, maxTokens: storyScriptMaxTokens(request.sceneCount), seed: request.seed },
  } satisfies TextGenerationRequest;
  let written = '';
  const stream = (chunk: string) => {
    written += chunk;
    onText(written);
  };
  if (!request.model?.startsWith('remote:')) {
    try {
      const reply = await text.generate(
        {
          ...base,
          tools: [
            { name: STORYBOARD_TOOL, description: 'Write the storyboard: its title and every scene.', parameters: storyScriptJsonSchema(request.sceneCount) },
          ],
          toolChoice: { name: STORYBOARD_TOOL },
        },
        signal,
        undefined,
        (fragment) => stream(fragment.fragment),
      );
      const call = reply.toolCalls?.find((c) => c.name === STORYBOARD_TOOL);
      return { json: call ? parseOrUndefined(call.arguments) : undefined, stopReason: reply.stopReason, model: reply.model };
    } catch (error) {
      // A refusal to offer the tool, or tool definitions that leave no room in a small context, fall back
      // (the JSON-schema reply carries no tool text); a crash or a Stop is the run's answer.
      if (!(error instanceof AtelierError) || (error.code !== 'INVALID_INPUT' && error.code !== 'TOO_LARGE')) throw error;
      signal.throwIfAborted();
      written = '';
    }
  }
  const reply = await text.generate({ ...base, jsonSchema: storyScriptJsonSchema(request.sceneCount) }, signal, stream);
  return { json: reply.json, stopReason: reply.stopReason, model: reply.model };
}

function parseOrUndefined(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
