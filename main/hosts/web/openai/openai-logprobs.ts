import type { TextGenerationResult } from '../../../core/text/text-service.js';

type TokenLogprob = NonNullable<TextGenerationResult['logprobs']>[number];

/** A chat choice's `logprobs`, as OpenAI sends it: one entry per generated token, with its `top_logprobs`. */
export function chatLogprobs(tokens: readonly TokenLogprob[]) {
  return {
    content: tokens.map((t) => ({
      token: t.token,
      logprob: t.logprob,
      bytes: t.bytes,
      top_logprobs: t.top.map((a) => ({ token: a.token, logprob: a.logprob, bytes: a.bytes })),
    })),
    refusal: null,
  };
}

/** A completion choice's legacy `logprobs`: parallel lists, the alternatives as token → logprob, and each token's offset in the text. */
export function completionLogprobs(tokens: readonly TokenLogprob[], startOffset = 0) {
  let offset = startOffset;
  const textOffset = tokens.map((t) => {
    const at = offset;
    offset += t.token.length;
    return at;
  });
  return {
    tokens: tokens.map((t) => t.token),
    token_logprobs: tokens.map((t) => t.logprob),
    top_logprobs: tokens.map((t) => Object.fromEntries(t.top.map((a) => [a.token, a.logprob]))),
    text_offset: textOffset,
  };
}
