import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import type { TokenLogprob } from './text-generation.js';

/** OpenAI's floor for a token the model all but ruled out (its probability rounds to 0). */
const UNLIKELY_LOGPROB = -9999;

/**
 * Each generated token's log probability and the likeliest alternatives at its place.
 *
 * node-llama-cpp 3.21.1 gives token probabilities only at the sequence level
 * (`controlledEvaluate` with `generateNext.probabilities`), not from `LlamaChatSession` or
 * `LlamaCompletion`. So after a reply, the generated tokens are taken off the sequence
 * (with the last prompt token, whose logits predict the first of them) and evaluated again,
 * asking for the next-token distribution at every place: the same tokens in the same
 * context, so the sequence ends as it was and the next request reuses it. The distribution
 * is the model's own (temperature 1, no top-k/top-p/min-p cut), as OpenAI reports it.
 */
export async function tokenLogprobs(sequence: LlamaContextSequence, model: LlamaModel, generated: readonly Token[], top: number): Promise<TokenLogprob[]> {
  if (generated.length === 0) return [];
  const context = [...sequence.contextTokens];
  // The last sampled token (end of turn, or the one that hit the limit) is often never fed back: match the longest evaluated part.
  let evaluated = Math.min(generated.length, context.length - 1);
  while (evaluated > 0 && !endsWith(context, generated.slice(0, evaluated))) evaluated--;
  const first = context.length - evaluated;
  if (first < 1) return [];
  await sequence.eraseContextTokenRanges([{ start: first - 1, end: context.length }]);
  const inputs = [context[first - 1] as Token, ...generated.slice(0, -1)];
  const next = { probabilities: true, options: { temperature: 1, topK: 0, topP: 1, minP: 0 } } as const;
  const results = await sequence.controlledEvaluate(inputs.map((token) => [token, { generateNext: next }]));
  // Read with the token before it: alone, a SentencePiece token's leading space is dropped.
  const described = (token: Token, probability: number, before: Token) => {
    const text = model.detokenize([token], false, [before]);
    return { token: text, logprob: probability > 0 ? Math.log(probability) : UNLIKELY_LOGPROB, bytes: [...Buffer.from(text, 'utf8')] };
  };
  const all = generated.map((token, index) => {
    const probabilities = results[index]?.next.probabilities ?? new Map<Token, number>();
    const before = inputs[index] as Token;
    const alternatives = [...probabilities.entries()].slice(0, top).map(([t, p]) => described(t, p, before));
    return { ...described(token, probabilities.get(token) ?? 0, before), top: alternatives };
  });
  // An end-of-turn token ends the reply; it is not part of the text, so OpenAI lists no probability for it.
  return all.filter((_, index) => !model.isEogToken(generated[index]));
}

function endsWith(tokens: readonly Token[], tail: readonly Token[]): boolean {
  if (tail.length > tokens.length) return false;
  const offset = tokens.length - tail.length;
  return tail.every((token, i) => tokens[offset + i] === token);
}
