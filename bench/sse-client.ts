// The client side of the API bench: one streamed POST read as an OpenAI client reads it (every
// `data:` event parsed as JSON), timed to the first content delta and the last byte. Two ways
// to send it: node:http (lean, so on a 2-core machine the client takes as little as it can from
// the engine's threads) and fetch(), the way the openai package sends it.
import http from 'node:http';
import type { TextRun } from './raw-llama.js';

interface Chunk {
  choices: { delta: { content?: string } }[];
  usage?: { completion_tokens: number };
}

/** Cuts a byte stream into SSE events and keeps the timings a run reports. */
class SseTimer {
  private buffer = '';
  first = 0;
  usageTokens = 0;
  events = 0;

  push(text: string): void {
    this.buffer += text;
    let cut = this.buffer.indexOf('\n\n');
    while (cut >= 0) {
      const data = this.buffer.slice(6, cut);
      this.buffer = this.buffer.slice(cut + 2);
      cut = this.buffer.indexOf('\n\n');
      this.events += 1;
      if (data === '[DONE]') continue;
      const chunk = JSON.parse(data) as Chunk;
      if (chunk.usage) this.usageTokens = chunk.usage.completion_tokens;
      if (chunk.choices[0]?.delta.content && this.first === 0) this.first = performance.now();
    }
  }

  run(begin: number, end: number): TextRun {
    if (this.first === 0 || this.usageTokens === 0) throw new Error(`the stream had no content or no usage (${this.events} events)`);
    return { ttftMs: this.first - begin, tokensPerSecond: ((this.usageTokens - 1) * 1000) / (end - this.first), tokens: this.usageTokens };
  }
}

export type StreamClient = (origin: string, token: string, body: object) => Promise<TextRun>;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** node:http on a kept-alive connection, as a lean client in any language would hold one. */
export const viaHttp: StreamClient = (origin, token, body) =>
  new Promise((resolve, reject) => {
    const begin = performance.now();
    const payload = JSON.stringify(body);
    const timer = new SseTimer();
    const request = http.request(
      `${origin}/v1/chat/completions`,
      {
        method: 'POST',
        agent,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) },
      },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`HTTP ${response.statusCode}`));
          response.resume();
          return;
        }
        response.setEncoding('utf8');
        response.on('data', (text: string) => timer.push(text));
        response.on('end', () => {
          try {
            resolve(timer.run(begin, performance.now()));
          } catch (error) {
            reject(error as Error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });

/** fetch() and a web ReadableStream, as the openai package reads a stream. */
export const viaFetch: StreamClient = async (origin, token, body) => {
  const begin = performance.now();
  const response = await fetch(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const timer = new SseTimer();
  for (let r = await reader.read(); !r.done; r = await reader.read()) timer.push(decoder.decode(r.value, { stream: true }));
  return timer.run(begin, performance.now());
};

/** Lets the bench process exit: kept-alive sockets would hold it open. */
export function closeClients(): void {
  agent.destroy();
}
