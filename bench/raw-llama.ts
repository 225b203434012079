// The raw baseline of the text benches: node-llama-cpp in this process, loaded once, asked
// the same question under the same JSON grammar with the same threads as Atelier's engine.
import { getLlama, LlamaChatSession, LlamaLogLevel } from 'node-llama-cpp';

export interface TextRun {
  ttftMs: number;
  tokensPerSecond: number;
  tokens: number;
}

export interface RawLlama {
  loadMs: number;
  /** One reply of at most `maxTokens`, timed from before its session as the engine's own figure is. */
  run(prompt: string, maxTokens: number): Promise<TextRun>;
  dispose(): Promise<void>;
}

export async function openRawLlama(modelPath: string, schema: object, threads = 2): Promise<RawLlama> {
  const started = performance.now();
  const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const context = await model.createContext({ contextSize: 1024, threads });
  const loadMs = performance.now() - started;
  const sequence = context.getSequence();
  const grammar = await llama.createGrammarForJsonSchema(schema as never);
  return {
    loadMs,
    async run(prompt, maxTokens) {
      // A new session resolves the chat template, as the engine's does for every request.
      const begin = performance.now();
      const session = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
      let first = 0;
      let tokens = 0;
      await session.prompt(prompt, {
        maxTokens,
        temperature: 0,
        grammar,
        onToken: (t) => {
          if (tokens === 0) first = performance.now();
          tokens += t.length;
        },
      });
      const end = performance.now();
      session.dispose({ disposeSequence: false });
      return { ttftMs: first - begin, tokensPerSecond: ((tokens - 1) * 1000) / (end - first), tokens };
    },
    async dispose() {
      await context.dispose();
      await model.dispose();
    },
  };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/**
 * Runs each contender once per round, `rounds` times after one untimed warm-up round, in an
 * order that turns by one each round: on a shared machine the load drifts more between two
 * back-to-back batches than between neighbouring runs, and no contender always goes first.
 */
export async function takeTurns<K extends string>(contenders: Record<K, () => Promise<TextRun>>, rounds: number): Promise<Record<K, TextRun[]>> {
  const names = Object.keys(contenders) as K[];
  const runs = Object.fromEntries(names.map((name) => [name, [] as TextRun[]])) as Record<K, TextRun[]>;
  for (let round = 0; round <= rounds; round += 1) {
    for (let k = 0; k < names.length; k += 1) {
      const name = names[(round + k) % names.length] as K;
      const run = await contenders[name]();
      if (round > 0) runs[name].push(run);
    }
  }
  return runs;
}
