import fs from 'node:fs';
import * as ort from 'onnxruntime-node';
import { createOnnxSession } from '../../platform/onnx-session.js';
import { AtelierError } from '../../../preload/errors.js';

/**
 * The one ONNX graph a voice host process holds (Piper and Kokoro hosts alike): opened on
 * the CPU with the threads main asks for, kept while the same file is asked for again, and
 * replaced when another file, another thread count, or the same path rewritten in place
 * (a re-download) is asked for.
 */
export class CpuSessionSlot<Info> {
  private held: { key: string; path: string; session: ort.InferenceSession; info: Info } | undefined;

  constructor(private readonly what: { missing: string }) {}

  /** The graph held now, if it is `path`. */
  current(path: string): { session: ort.InferenceSession; info: Info } | undefined {
    return this.held?.path === path ? this.held : undefined;
  }

  /**
   * Opens `path` (or keeps it), then lets `check` read the graph's names: a graph that is
   * not the kind this host runs is released and refused with the check's error.
   */
  async open(params: { path: string; label: string; threads: number }, check: (session: ort.InferenceSession) => Info): Promise<Info> {
    const stat = fs.statSync(params.path, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw new AtelierError('MODEL_NOT_FOUND', `${this.what.missing} ${params.path}.`);
    const key = JSON.stringify([params.path, stat.size, stat.mtimeMs, params.threads]);
    if (this.held?.key === key) return this.held.info;
    await this.release();
    let session: ort.InferenceSession;
    try {
      session = await createOnnxSession(params.path, {
        executionProviders: ['cpu'],
        graphOptimizationLevel: 'all',
        intraOpNumThreads: params.threads,
        interOpNumThreads: 1,
        logSeverityLevel: 3,
      });
    } catch (error) {
      throw new AtelierError('MODEL_INVALID', `${params.label} could not be loaded by onnxruntime: ${(error as Error).message.split('\n')[0]}`);
    }
    let info: Info;
    try {
      info = check(session);
    } catch (error) {
      await session.release();
      throw error;
    }
    this.held = { key, path: params.path, session, info };
    return info;
  }

  async release(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    await held?.session.release();
  }
}
