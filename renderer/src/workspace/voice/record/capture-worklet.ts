/**
 * Runs on the audio thread (an AudioWorklet), loaded from the studio's own origin so the
 * CSP's script-src 'self' holds. It copies the microphone's samples, mixed to mono, and
 * posts them in blocks; 'flush' posts what is left and ends the processor.
 */

// The worklet scope's globals: not in TypeScript's DOM library.
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

/** About 43 ms at 48 kHz: the level meter moves with each block. */
const BLOCK = 2048;

class CaptureProcessor extends AudioWorkletProcessor {
  private block = new Float32Array(BLOCK);
  private filled = 0;
  private done = false;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent) => {
      if (event.data !== 'flush' || this.done) return;
      this.post();
      this.done = true;
      this.port.postMessage('flushed');
    };
  }

  private post(): void {
    if (this.filled === 0) return;
    const samples = this.block.slice(0, this.filled);
    this.port.postMessage(samples, [samples.buffer]);
    this.filled = 0;
  }

  process(inputs: Float32Array[][]): boolean {
    if (this.done) return false;
    const channels = inputs[0] ?? [];
    const frames = channels[0]?.length ?? 0;
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (const channel of channels) sum += channel[i] ?? 0;
      this.block[this.filled++] = sum / channels.length;
      if (this.filled === BLOCK) this.post();
    }
    return true;
  }
}

registerProcessor('atelier-capture', CaptureProcessor);

export {};
