import type { JobPartial } from '../../preload/contract.js';

/** How far a long piece of work has come: what an engine reports and a job forwards. */
export interface ProgressUpdate {
  /** 0..1, or null when the amount of work is unknown. */
  fraction?: number | null;
  detail?: string;
  etaSeconds?: number;
  partial?: JobPartial;
}
