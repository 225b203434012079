import type { EngineInfo } from '../../preload/contract.js';

export interface EngineDescriptor {
  id: string;
  modality: EngineInfo['modality'];
  name: string;
  /** Whether this install can run the engine now, and if not, what the user can do. */
  availability(): Promise<{ available: boolean; reason?: string }>;
}

/** The engines this build carries; each capability issue registers its own. */
export class EngineRegistry {
  private readonly engines = new Map<string, EngineDescriptor>();

  register(engine: EngineDescriptor): void {
    if (this.engines.has(engine.id)) throw new Error(`Engine ${engine.id} registered twice`);
    this.engines.set(engine.id, engine);
  }

  async describe(): Promise<EngineInfo[]> {
    return Promise.all(
      [...this.engines.values()].map(async (engine) => {
        const state = await engine.availability().catch((error: Error) => ({ available: false, reason: error.message }));
        return { id: engine.id, modality: engine.modality, name: engine.name, ...state };
      }),
    );
  }
}
