import { createStudio } from '../../../app/studio.js';
import { locateRendererDir } from '../../locate-renderer.js';
import { resolveBindAddress } from '../../web/bind-address.js';
import { startWebHost } from '../../web/web-host.js';
import { atMost, parseCommand } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { stopOnSignals } from '../stop-on-signal.js';
import { SERVE_HELP } from '../help/serve-help.js';

export async function serveCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    {
      name: 'serve',
      usage: SERVE_HELP,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-network': { type: 'boolean' },
        'api-key': { type: 'string' },
        'no-api': { type: 'boolean' },
      },
    },
    args,
  );
  atMost(positionals, 0);
  const port = values.port === undefined ? 4173 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}".`);

  const apiKey = values['api-key'] ?? process.env.ATELIER_API_KEY;
  if (apiKey !== undefined && !/^[\x21-\x7e]{16,4096}$/.test(apiKey)) throw new UsageError('--api-key must be 16 or more printable characters without spaces.');
  const openai = { enabled: values['no-api'] !== true, keys: apiKey ? [apiKey] : [] };
  // Checked before anything starts, so a refused address costs nothing and says one line.
  const bind = await resolveBindAddress(values.host ?? '127.0.0.1').catch((error: Error) => {
    throw new UsageError(error.message, { helpHint: false });
  });
  if (bind.exposure === 'network' && values['allow-network'] !== true) {
    throw new UsageError(`--host ${values.host} can be reached from other machines: add --allow-network if that is what you want.`, { helpHint: false });
  }

  const studio = await createStudio({ host: 'web', resumeWork: true });
  const host = await startWebHost({
    studio,
    port,
    rendererDir: locateRendererDir(),
    openai,
    host: bind.address,
    allowNetwork: values['allow-network'] === true,
  }).catch(async (error: NodeJS.ErrnoException) => {
    await studio.dispose();
    if (error.code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use: pass --port N, or --port 0 for a free one.`);
    if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') throw new UsageError(`cannot bind ${values.host}: not an address of this machine.`);
    throw error;
  });
  // Handlers first: whoever reads the URL may ask us to stop at once.
  stopOnSignals({
    stop: async () => {
      await host.close();
      await studio.dispose();
    },
    signals: process,
    exit: (code) => process.exit(code),
    say: (line) => process.stderr.write(`${line}\n`),
  });
  if (host.exposure === 'network') {
    process.stderr.write(
      `Warning: anyone who can reach ${host.origin.replace('http://', '')} on your network can load this studio's page; with the token below (or an API key) they can use all of it: your projects, files, models and the /v1 API. Every API route requires the token or key.\n`,
    );
  }
  process.stdout.write(`Atelier is running at ${host.url}\n`);
  process.stdout.write(`Open that link in your browser. The token in it changes every launch. Press Ctrl+C to stop.\n`);
  if (openai.enabled)
    process.stdout.write(`OpenAI-compatible API: ${host.origin}/v1 (key: the token above${openai.keys.length > 0 ? ' or your --api-key' : ''})\n`);
}
