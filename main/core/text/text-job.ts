import type { TextRequest, TextResult } from '../../../preload/schemas/text.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { TextService } from './text-service.js';
import { actionTitle, writingMessages } from './writing-actions.js';

/** One queue for the text engine: it holds one model and answers one request at a time. */
export const TEXT_QUEUE = 'llama';

function rate(tokens: number, since: number): string {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 && tokens > 1 ? ` · ${(tokens / seconds).toFixed(1)} tok/s` : '';
}

/** `text.generate`: the Write tab's request as a job whose progress streams the reply and whose result is the reply. */
export async function submitTextJob(studio: { text: TextService; jobs: JobManager }, request: TextRequest): Promise<{ jobId: string }> {
  const { system, messages, prompt } = writingMessages(request);
  // Checked now so "no model installed" answers the call instead of failing a job.
  const model = await studio.text.resolveModel(request.model);
  const job = studio.jobs.submit<TextResult>({
    kind: 'text.generate',
    title: `${actionTitle(request)} · ${model.name}`,
    queue: TEXT_QUEUE,
    run: async ({ signal, progress }) => {
      progress({ fraction: null, detail: `Loading ${model.name}…` });
      let text = '';
      let tokens = 0;
      let firstAt = 0;
      const result = await studio.text.generate(
        { kind: 'chat', model: request.model, messages, sampling: request.sampling, jsonSchema: request.jsonSchema },
        signal,
        (chunk) => {
          if (tokens === 0) firstAt = performance.now();
          text += chunk;
          tokens += 1;
          progress({
            fraction: Math.min(0.99, tokens / request.sampling.maxTokens),
            detail: `${tokens} tokens${rate(tokens, firstAt)}`,
            partial: { text },
          });
        },
      );
      const stopped = result.stopReason === 'cancelled' ? 'Stopped at ' : '';
      progress({ fraction: 1, detail: `${stopped}${result.tokens} tokens · ${result.tokensPerSecond.toFixed(1)} tok/s`, partial: { text: result.text } });
      return {
        text: result.text,
        ...(result.json !== undefined && { json: result.json }),
        model: { id: result.model.id, name: result.model.name },
        system,
        prompt,
        seed: result.seed,
        sampling: { temperature: request.sampling.temperature, topP: request.sampling.topP, maxTokens: request.sampling.maxTokens },
        tokens: result.tokens,
        tokensPerSecond: result.tokensPerSecond,
        stopReason: result.stopReason,
        durationMs: result.durationMs,
      };
    },
  });
  return { jobId: job.id };
}
