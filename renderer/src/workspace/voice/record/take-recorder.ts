import workletUrl from './capture-worklet.ts?worker&url';

/** A finished take: mono samples at the microphone's rate. */
interface Take {
  samples: Float32Array;
  sampleRate: number;
}

/** What the meter shows after each block: its RMS and peak (0..1) and the take's length so far. */
export interface TakeProgress {
  rms: number;
  peak: number;
  seconds: number;
}

/** Raised (with this name) where the page has no getUserMedia: an insecure address or an old browser. */
class Unsupported extends Error {
  override name = 'Unsupported';
}

/**
 * One take from the microphone: the stream, an AudioContext at the device's rate and the
 * capture worklet, which posts blocks of mono samples. Time is counted in samples, not by
 * a clock, so the shown length is the recorded length.
 */
export class TakeRecorder {
  private readonly blocks: Float32Array[] = [];
  private length = 0;
  private closed = false;

  private constructor(
    private readonly stream: MediaStream,
    private readonly context: AudioContext,
    private readonly node: AudioWorkletNode,
    private readonly onProgress: (progress: TakeProgress) => void,
    private readonly maxSeconds: number,
    private readonly onFull: () => void,
  ) {
    node.port.onmessage = (event: MessageEvent) => {
      if (!(event.data instanceof Float32Array) || this.closed) return;
      this.add(event.data);
    };
  }

  /** Asks for the microphone (the browser or the desktop window may ask the creator) and starts recording. */
  static async start(onProgress: (progress: TakeProgress) => void, options: { maxSeconds: number; onFull(): void }): Promise<TakeRecorder> {
    if (!navigator.mediaDevices?.getUserMedia) throw new Unsupported('getUserMedia is not available');
    // The raw signal: echo cancelling and gain control would pump the level a narration is judged by.
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    const context = new AudioContext();
    try {
      await context.audioWorklet.addModule(workletUrl);
      const node = new AudioWorkletNode(context, 'atelier-capture', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
      // Connected to the output (it writes silence there) so the graph pulls it on every render quantum.
      context.createMediaStreamSource(stream).connect(node).connect(context.destination);
      if (context.state === 'suspended') await context.resume();
      return new TakeRecorder(stream, context, node, onProgress, options.maxSeconds, options.onFull);
    } catch (error) {
      stream.getTracks().forEach((track) => track.stop());
      void context.close();
      throw error;
    }
  }

  get sampleRate(): number {
    return this.context.sampleRate;
  }

  private add(block: Float32Array): void {
    const room = Math.round(this.maxSeconds * this.context.sampleRate) - this.length;
    const kept = block.length > room ? block.subarray(0, Math.max(0, room)) : block;
    this.blocks.push(kept);
    this.length += kept.length;
    let sum = 0;
    let peak = 0;
    for (const v of kept) {
      sum += v * v;
      peak = Math.max(peak, Math.abs(v));
    }
    this.onProgress({ rms: Math.sqrt(sum / Math.max(1, kept.length)), peak, seconds: this.length / this.context.sampleRate });
    if (room <= block.length) this.onFull();
  }

  /** Ends the take: the worklet hands over its last samples, then the microphone is released. */
  async stop(): Promise<Take> {
    if (!this.closed) {
      await new Promise<void>((resolve) => {
        const port = this.node.port;
        const previous = port.onmessage;
        port.onmessage = (event: MessageEvent) => {
          if (event.data === 'flushed') resolve();
          else previous?.call(port, event);
        };
        port.postMessage('flush');
        // A context that is not running never answers; what has arrived is the take.
        if (this.context.state !== 'running') resolve();
      });
      this.release();
    }
    const samples = new Float32Array(this.length);
    let at = 0;
    for (const block of this.blocks) {
      samples.set(block, at);
      at += block.length;
    }
    return { samples, sampleRate: this.context.sampleRate };
  }

  /** Drops the take and releases the microphone. */
  cancel(): void {
    this.release();
    this.blocks.length = 0;
    this.length = 0;
  }

  private release(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream.getTracks().forEach((track) => track.stop());
    this.node.disconnect();
    void this.context.close();
  }
}
