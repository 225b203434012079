import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Settings } from '../../../../preload/contract.js';
import { writeFileAtomic } from '../../../core/files/atomic-write.js';
import type { StudioServices } from '../../../app/studio.js';
import { AtelierError } from '../../../../preload/errors.js';
import { addHostCheck, addSecurityHeaders, NO_CONTENT_CSP } from '../security-headers.js';
import { openAiApi, OPENAI_PREFIX } from './openai-api.js';
import { OpenAiError } from './openai-errors.js';

/** The file in the data folder that holds the desktop API's key (owner-only). */
export const API_KEY_FILE = 'api-key';
const BOUND_HOST = '127.0.0.1';

/** The shortest key accepted: a guessable key on a port any local program can reach is no key. */
export const MIN_API_KEY_LENGTH = 16;

/**
 * The key programs send as `Authorization: Bearer …`: ATELIER_API_KEY (refused when shorter
 * than 16 printable characters), else one made once and kept (a short or damaged saved key is replaced).
 */
export async function desktopApiKey(home: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.ATELIER_API_KEY?.trim();
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isUsableKey(fromEnv)) {
      throw new AtelierError(
        'INVALID_INPUT',
        `ATELIER_API_KEY must be ${MIN_API_KEY_LENGTH} or more printable characters without spaces; the API server stays off.`,
      );
    }
    return fromEnv;
  }
  const file = path.join(home, API_KEY_FILE);
  const saved = (await fs.readFile(file, 'utf8').catch(() => '')).trim();
  if (isUsableKey(saved)) return saved;
  const made = `atelier-${randomBytes(24).toString('hex')}`;
  await writeFileAtomic(file, `${made}\n`, { mode: 0o600 });
  return made;
}

function isUsableKey(key: string): boolean {
  return key.length >= MIN_API_KEY_LENGTH && /^[\x21-\x7e]+$/.test(key);
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

  /** Follows the setting; calls are applied in order, so quick toggles never race. Rejects (typed) when the key is refused. */
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
    return this.server ? `http://${BOUND_HOST}:${this.server.port}${OPENAI_PREFIX}` : null;
  }

  async stop(): Promise<void> {
    const running = this.server;
    this.server = null;
    await running?.app.close();
  }

  private async start(port: number): Promise<void> {
    const key = await desktopApiKey(this.home).catch((error: Error) => {
      this.studio.log.error('api', error.message);
      throw error;
    });
    // Turning the API off (or quitting) ends every connection, a client's streaming answer included: its
    // job is cancelled when its socket closes (api-job.ts). Left to finish, a long answer held the switch for minutes.
    const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024, forceCloseConnections: true });
    // The same guards as the web host: only our own Host names (no DNS rebinding), and its security headers.
    const refused = new OpenAiError(403, 'Unexpected Host header.', 'invalid_request_error', null, 'forbidden_host');
    addHostCheck(app, BOUND_HOST, () => port, refused.body());
    addSecurityHeaders(app, NO_CONTENT_CSP);
    await app.register(openAiApi, { prefix: OPENAI_PREFIX, studio: this.studio, keys: () => [key], origin: () => `http://${BOUND_HOST}:${port}` });
    try {
      await app.listen({ host: BOUND_HOST, port });
    } catch (error) {
      await app.close();
      this.studio.log.error('api', `the OpenAI-compatible API could not listen on port ${port}: ${(error as Error).message}`);
      return;
    }
    this.server = { app, port };
    this.studio.log.info('api', `the OpenAI-compatible API listens on ${this.address()}`);
  }
}
