import { RemoteAddSchema } from '../../../../preload/schemas/remote.js';
import { createStudio, type Studio } from '../../../app/studio.js';
import { invalidInput } from '../../../core/rpc/dispatch.js';
import { testRemote } from '../../../core/remotes/remote-models.js';
import { dispatchGroup, parseCommand, subcommandHelp } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { REMOTES_HELP, REMOTES_SUBCOMMANDS } from '../help/remotes-help.js';

const REMOTES_OPTIONS = {
  list: { json: { type: 'boolean' } },
  add: { key: { type: 'string' }, 'allow-insecure-key': { type: 'boolean' } },
  remove: {},
  test: { json: { type: 'boolean' } },
} as const;

export async function remotesCommand(args: string[]): Promise<void> {
  const subcommands = Object.fromEntries(
    Object.keys(REMOTES_SUBCOMMANDS).map((sub) => [sub, (rest: string[]) => runRemote(sub as keyof typeof REMOTES_SUBCOMMANDS, rest)]),
  );
  await dispatchGroup({ name: 'remotes', usage: REMOTES_HELP, subcommands }, args);
}

async function runRemote(sub: keyof typeof REMOTES_SUBCOMMANDS, args: string[]): Promise<void> {
  const parsed = parseCommand(
    {
      name: `remotes ${sub}`,
      usage: subcommandHelp('remotes', REMOTES_SUBCOMMANDS[sub]),
      options: { ...REMOTES_OPTIONS[sub] } as { json?: { type: 'boolean' }; key?: { type: 'string' }; 'allow-insecure-key'?: { type: 'boolean' } },
    },
    args,
  );
  const values = parsed.values as { json?: boolean; key?: string; 'allow-insecure-key'?: boolean };
  const { positionals } = parsed;
  const run: Record<typeof sub, (studio: Studio) => Promise<number>> = {
    list: async (studio) => {
      const remotes = studio.remotes.list();
      if (values.json) process.stdout.write(`${JSON.stringify(remotes, null, 2)}\n`);
      else if (remotes.length === 0) process.stdout.write('No remote engines. Add one with: atelier remotes add NAME URL [--key KEY]\n');
      else for (const r of remotes) process.stdout.write(`${r.name}\t${r.url}\t${r.hasKey ? 'key set' : 'no key'}\n`);
      return 0;
    },
    add: async (studio) => {
      if (positionals.length !== 2) throw new UsageError('usage: atelier remotes add NAME URL [--key KEY]');
      const parsed = RemoteAddSchema.safeParse({
        name: positionals[0],
        url: positionals[1],
        ...(values.key !== undefined && { key: values.key }),
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
  if (sub === 'list' && positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'.`);
  const handler = run[sub];
  const studio = await createStudio({ host: 'cli' });
  let code: number;
  try {
    code = await handler(studio);
  } finally {
    await studio.dispose();
  }
  process.exitCode = code;
}
