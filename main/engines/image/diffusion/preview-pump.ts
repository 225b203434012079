/**
 * Step previews made beside the step loop instead of inside it. A preview (latent → RGB,
 * enlarged, JPEG) costs several milliseconds, as much as a small UNet step; awaiting it
 * would hold the next step back. So the loop only offers the step's latents and moves on:
 * one preview encodes at a time (sharp works on libuv's threads while the UNet runs), and
 * an offer made while one is encoding waits in a single slot, where a newer offer replaces
 * it: a stale picture is never encoded.
 */
export class PreviewPump {
  private encoding: Promise<void> | undefined;
  private waiting: { step: number; latents: Float32Array } | undefined;
  private open = true;

  constructor(
    private readonly encode: (latents: Float32Array) => Promise<Uint8Array>,
    private readonly deliver: (step: number, picture: Uint8Array) => void,
  ) {}

  /**
   * A preview of step `step` from `latents`, which the caller must not change afterwards
   * (the schedulers return fresh arrays each step, so the loop hands them over without a copy).
   */
  offer(step: number, latents: Float32Array): void {
    if (!this.open) return;
    this.waiting = { step, latents };
    if (!this.encoding) this.next();
  }

  /**
   * No more offers: a waiting one is dropped (the final picture is coming), the one encoding
   * is still delivered, and the returned promise settles once it has been. Awaited before the
   * host answers, so every preview event of a request goes out before its result.
   */
  async close(): Promise<void> {
    this.open = false;
    this.waiting = undefined;
    await this.encoding;
  }

  private next(): void {
    const job = this.waiting;
    this.waiting = undefined;
    if (!job) return;
    this.encoding = this.encode(job.latents)
      .then((picture) => this.deliver(job.step, picture))
      // A preview is a courtesy: one that fails to encode (or to send) must not fail the picture itself.
      .catch(() => undefined)
      .finally(() => {
        this.encoding = undefined;
        this.next();
      });
  }
}
