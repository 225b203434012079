import { parseArgs } from 'node:util';
import { RemoteAddSchema } from '../../../../preload/schemas/remote.js';
import { createStudio, type Studio } from '../../../core/studio.js';
import { invalidInput } from '../../../core/rpc/dispatch.js';
import { testRemote } from '../../../core/remotes/remote-models.js';
import { UsageError } from '../cli-errors.js';

export const REMOTES_HELP = `atelier remotes <subcommand>

OpenAI-compatible servers (llama.cpp server, vLLM, LocalAI, another Atelier) whose
models Atelier can use as remote:<name>/<model>. Keys are kept in the data folder,
in an owner-only file, never in projects.
  list [--json]                  remotes, and whether each has a key
  add NAME URL [--key KEY]       add or replace one (URL with or without /v1)
      [--allow-insecure-key]     send the key over plain http to another machine
  remove NAME                    forget one and its key
  test NAME                      reach it and list its models`;

export async function remotesCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help' || rest.includes('--help')) {
    process.stdout.write(`${REMOTES_HELP}\n`);
    return;
  }
  const { values, positionals } = parseArgs({ args: rest, options: { key: { type: 'string' }, json: { type: 'boolean' }, 'allow-insecure-key': { type: 'boolean' } }, allowPositionals: true, strict: true });
  const run: Record<string, (studio: Studio) => Promise<number>> = {
    list: async (studio) => {
      const remotes = studio.remotes.list();
      if (values.json) process.stdout.write(`${JSON.stringify(remotes, null, 2)}\n`);
      else if (remotes.length === 0) process.stdout.write('No remote engines. Add one with: atelier remotes add NAME URL [--key KEY]\n');
      else for (const r of remotes) process.stdout.write(`${r.name}\t${r.url}\t${r.hasKey ? 'key set' : 'no key'}\n`);
      return 0;
    },
    add: async (studio) => {
      if (positionals.length !== 2) throw new UsageError('usage: atelier remotes add NAME URL [--key KEY]');
      const parsed = RemoteAddSchema.safeParse({ name: positionals[0], url: positionals[1], ...(values.key !== undefined && { key: values.key }),
        ...(values['allow-insecure-key'] === true && { allowInsecureKey: true }),
      });
      if (!parsed.success) throw invalidInput('remotes add', parsed.error);
      const added = await studio.remotes.add(parsed.data);
      process.stdout.write(`Added ${added.name} (${added.url})${added.hasKey ? ' with a key' : ''}. Its models are remote:${added.name}/<model>.\n`);
      return 0;
    },
    remove: async (studio) => {
      if (positionals.length !== 1) throw new UsageError('usage: atelier remotes remove NAME');
      await studio.remotes.remove(positionals[0] as string);
      process.stdout.write(`Removed ${positionals[0]}.\n`);
      return 0;
    },
    test: async (studio) => {
      if (positionals.length !== 1) throw new UsageError('usage: atelier remotes test NAME');
      const result = await testRemote(studio.remotes.get(positionals[0] as string), AbortSignal.timeout(30_000));
      if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else if (result.ok) {
        process.stdout.write(`${result.name}: reachable in ${result.latencyMs} ms, ${result.models.length} models\n`);
        for (const m of result.models) process.stdout.write(`  ${m.id}\n`);
      } else process.stderr.write(`atelier: ${result.error?.code}: ${result.error?.message}\n`);
      return result.ok ? 0 : 1;
    },
  };
  const handler = Object.hasOwn(run, sub) ? run[sub] : undefined;
  if (!handler) throw new UsageError(`unknown remotes subcommand '${sub}'. Try: ${Object.keys(run).join(', ')}.`);
  const studio = await createStudio({ host: 'cli' });
  let code: number;
  try {
    code = await handler(studio);
  } finally {
    await studio.dispose();
  }
  process.exitCode = code;
}
