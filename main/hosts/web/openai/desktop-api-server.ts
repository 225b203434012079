import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Settings } from '../../../../preload/contract.js';
import { writeFileAtomic } from '../../../core/files/atomic-write.js';
import type { StudioServices } from '../../../core/studio.js';
import { openAiApi, OPENAI_PREFIX } from './openai-api.js';

/** The file in the data folder that holds the desktop API's key (owner-only). */
export const API_KEY_FILE = 'api-key';

/** The key programs send as `Authorization: Bearer …`: ATELIER_API_KEY, else one made once and kept. */
export async function desktopApiKey(home: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.ATELIER_API_KEY?.trim();
  if (fromEnv) return fromEnv;
  const file = path.join(home, API_KEY_FILE);
  const saved = (await fs.readFile(file, 'utf8').catch(() => '')).trim();
  if (saved.length >= 16) return saved;
  const made = `atelier-${randomBytes(24).toString('hex')}`;
  await writeFileAtomic(file, `${made}\n`, { mode: 0o600 });
  return made;
}

/**
 * The OpenAI-compatible API for the desktop app, on 127.0.0.1 only, switched on and off
 * (and moved) by the `apiServer` setting. The web host serves /v1 itself; this is for
 * Electron, where the studio has no HTTP server of its own.
 */
export class DesktopApiServer {
  private server: { app: FastifyInstance; port: number } | null = null;
  private applying: Promise<void> = Promise.resolve();

  constructor(
    private readonly studio: StudioServices,
    private readonly home: string,
  ) {}

  /** Follows the setting; calls are applied in order, so quick toggles never race. */
  apply(setting: Settings['apiServer']): Promise<void> {
    const run = async () => {
      if (this.server && (!setting.enabled || this.server.port !== setting.port)) await this.stop();
      if (setting.enabled && !this.server) await this.start(setting.port);
    };
    this.applying = this.applying.then(run, run);
    return this.applying;
  }

  /** Where it listens, or null when off. */
  address(): string | null {
    return this.server ? `http://127.0.0.1:${this.server.port}${OPENAI_PREFIX}` : null;
  }

  async stop(): Promise<void> {
    const running = this.server;
    this.server = null;
    await running?.app.close();
  }

  private async start(port: number): Promise<void> {
    const key = await desktopApiKey(this.home);
    const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 });
    await app.register(openAiApi, { prefix: OPENAI_PREFIX, studio: this.studio, keys: () => [key] });
    try {
      await app.listen({ host: '127.0.0.1', port });
    } catch (error) {
      await app.close();
      this.studio.log.error('api', `the OpenAI-compatible API could not listen on port ${port}: ${(error as Error).message}`);
      return;
    }
    this.server = { app, port };
    this.studio.log.info('api', `the OpenAI-compatible API listens on ${this.address()}`);
  }
}
