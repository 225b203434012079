import { formatBytes } from '../../../preload/human-units.js';

interface TransferReading {
  done: number;
  total: number | null;
  /** Bytes per second over the recent window; 0 until there is enough to measure. */
  speed: number;
  etaSeconds?: number;
  fraction: number | null;
  /** "180 MB of 398 MB · 4.2 MB/s" */
  detail: string;
}

/**
 * Speed over a sliding window of recent samples (a whole-download average would still
 * show yesterday's speed after the network changes), and the time left from it.
 */
export class TransferMeter {
  private samples: { at: number; done: number }[] = [];

  constructor(
    private total: number | null,
    private readonly now: () => number = Date.now,
    private readonly windowMs = 5000,
  ) {}

  setTotal(total: number | null): void {
    this.total = total;
  }

  read(done: number): TransferReading {
    const at = this.now();
    this.samples.push({ at, done });
    while (this.samples.length > 2 && at - (this.samples[0] as { at: number }).at > this.windowMs) this.samples.shift();
    const first = this.samples[0] as { at: number; done: number };
    const elapsed = (at - first.at) / 1000;
    const speed = elapsed >= 0.25 && done >= first.done ? (done - first.done) / elapsed : 0;
    const total = this.total;
    const fraction = total && total > 0 ? Math.min(1, done / total) : null;
    const etaSeconds = total && speed > 0 ? Math.max(0, (total - done) / speed) : undefined;
    const size = total ? `${formatBytes(done)} of ${formatBytes(total)}` : formatBytes(done);
    const detail = speed > 0 ? `${size} · ${formatBytes(speed)}/s` : size;
    return { done, total, speed, fraction, detail, ...(etaSeconds !== undefined && { etaSeconds }) };
  }

  /** Forget the speed history (after a pause, a retry or a resume). */
  reset(): void {
    this.samples = [];
  }
}
