import type { FastifyReply } from 'fastify';

/** Server-sent events on a hijacked reply, written the way OpenAI streams: `data: <json>` blocks, then `data: [DONE]`. */
export class SseStream {
  private started = false;

  constructor(private readonly reply: FastifyReply) {}

  /** Headers go out only once the request is known to be good, so early errors stay plain JSON with their status. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.reply.hijack();
    // Every event is one write that should leave at once, never held back to fill a packet.
    this.reply.raw.socket?.setNoDelay(true);
    this.reply.raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
      'X-Accel-Buffering': 'no',
    });
    // No flushHeaders: start() is always followed by a write, and the headers leave with it in one packet.
  }

  get open(): boolean {
    return !this.reply.raw.destroyed && !this.reply.raw.writableEnded;
  }

  send(data: unknown): void {
    this.start();
    if (this.open) this.reply.raw.write(`data: ${JSON.stringify(data)}\n\n`);
  }

  /** A named event, as the Responses API streams them (`event: <type>` before its data). */
  event(name: string, data: unknown): void {
    this.start();
    if (this.open) this.reply.raw.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** The end of a stream that has no `[DONE]` line (the Responses API's ends with its last event). */
  end(): void {
    this.start();
    if (this.open) this.reply.raw.end();
  }

  done(): void {
    this.start();
    if (this.open) this.reply.raw.end('data: [DONE]\n\n');
  }

  /** A failure after the stream began: OpenAI clients read an `error` event and raise it. */
  fail(body: unknown): void {
    this.start();
    if (this.open) this.reply.raw.end(`data: ${JSON.stringify(body)}\n\n`);
  }
}
