import readline from 'node:readline/promises';
import type { CatalogModel, InstalledModel, Job } from '../../../../preload/contract.js';
import { AtelierError } from '../../../../preload/errors.js';
import { formatBytes, formatDuration } from '../../../../preload/human-units.js';
import { createStudio, type Studio } from '../../../app/studio.js';
import { dispatchGroup, parseCommand, subcommandHelp } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { MODELS_HELP, MODELS_SUBCOMMANDS } from '../help/models-help.js';

/** A subcommand parses its arguments first and only then opens the studio, so `--help` does no work. */
type Sub = (args: string[], open: () => Promise<Studio>) => Promise<number>;

const SUBCOMMANDS: Record<keyof typeof MODELS_SUBCOMMANDS, Sub> = {
  list: listModels,
  catalog: showCatalog,
  download: downloadModel,
  import: importModel,
  use: useModel,
  remove: removeModel,
};

const spec = <const O extends Parameters<typeof parseCommand>[0]['options']>(sub: keyof typeof MODELS_SUBCOMMANDS, options: O) => ({
  name: `models ${sub}`,
  usage: subcommandHelp('models', MODELS_SUBCOMMANDS[sub]),
  options,
});

export async function modelsCommand(args: string[]): Promise<void> {
  const subcommands = Object.fromEntries(Object.entries(SUBCOMMANDS).map(([name, run]) => [name, (rest: string[]) => runSub(run, rest)]));
  await dispatchGroup({ name: 'models', usage: MODELS_HELP, subcommands }, args);
}

async function runSub(run: Sub, args: string[]): Promise<void> {
  let studio: Studio | undefined;
  let code: number;
  try {
    code = await run(args, async () => (studio ??= await createStudio({ host: 'cli' })));
  } finally {
    await studio?.dispose();
  }
  // Exit now rather than when idle keep-alive sockets of the download finally close.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(code);
}

function expectPositionals(found: string[], count: number, what: string): void {
  if (found.length > count) throw new UsageError(`unexpected argument '${found[count]}'.`);
  if (found.length < count) throw new UsageError(`missing ${what}.`);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function listModels(args: string[], open: () => Promise<Studio>): Promise<number> {
  const { values, positionals } = parseCommand(spec('list', { json: { type: 'boolean' } }), args);
  expectPositionals(positionals, 0, '');
  const studio = await open();
  const models = studio.models.list();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
    return 0;
  }
  if (models.length === 0) {
    process.stdout.write("No models installed yet. 'atelier models catalog' lists models to download; 'atelier models import PATH' adds one you have.\n");
    return 0;
  }
  const rows = [['', 'ID', 'MODALITY', 'SIZE', 'NAME']];
  for (const m of models) rows.push([m.active ? '*' : ' ', m.id, m.modality, formatBytes(m.size), m.owned ? m.name : `${m.name} (referenced: ${m.path})`]);
  process.stdout.write(`${table(rows)}\n`);
  return 0;
}

function ramOf(ramMb: number): string {
  return ramMb >= 1024 ? `${(ramMb / 1024).toFixed(ramMb % 1024 === 0 ? 0 : 1)} GB` : `${ramMb} MB`;
}

function sizeOf(entry: CatalogModel): string {
  return `${entry.totalSizeApproximate ? '~' : ''}${formatBytes(entry.totalSize)}`;
}

async function showCatalog(args: string[], open: () => Promise<Studio>): Promise<number> {
  const { values, positionals } = parseCommand(spec('catalog', { json: { type: 'boolean' } }), args);
  expectPositionals(positionals, 0, '');
  const studio = await open();
  const catalog = await studio.models.catalog();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(catalog, null, 2)}\n`);
    return 0;
  }
  const out: string[] = [];
  for (const modality of ['text', 'image', 'voice', 'upscaler', 'embedding'] as const) {
    const entries = catalog.filter((e) => e.modality === modality);
    if (entries.length === 0) continue;
    out.push(`${modality}:`);
    const rows = entries.map((e) => [`  ${e.id}`, sizeOf(e), `${ramOf(e.ramMb)} RAM`, e.licence, `${e.name}${e.installed ? ' [installed]' : ''}`]);
    out.push(table(rows));
    out.push('');
  }
  out.push("Download one with 'atelier models download ID'.");
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** One line that redraws in a terminal, or a plain line every tenth of the way otherwise. */
class ProgressLine {
  private lastTenth = -1;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly tty: boolean = Boolean(process.stderr.isTTY),
  ) {}

  update(job: Job): void {
    const fraction = job.progress;
    const eta = job.etaSeconds !== undefined ? ` · ${formatDuration(job.etaSeconds)} left` : '';
    const detail = job.detail ?? '';
    if (this.tty) {
      const width = 24;
      const filled = fraction === null ? 0 : Math.round(fraction * width);
      const bar = fraction === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  `;
      const columns = process.stderr.columns || 100;
      process.stderr.write(`\r\x1b[2K${`${bar}${detail}${eta}`.slice(0, columns - 1)}`);
      this.drawn = true;
      return;
    }
    const tenth = fraction === null ? this.lastTenth : Math.floor(fraction * 10);
    if (tenth > this.lastTenth || (this.lastTenth === -1 && detail)) {
      this.lastTenth = Math.max(tenth, 0);
      const percent = fraction === null ? '' : `${Math.floor(fraction * 100)}% `;
      process.stderr.write(`${this.label}: ${percent}${detail}${eta}\n`);
    }
  }

  finish(): void {
    if (this.tty && this.drawn) process.stderr.write('\r\x1b[2K');
  }
}

/**
 * Follows a job to its end with a progress line; Ctrl+C cancels it (a download keeps its
 * partial file). Returns the model, or throws the job's error.
 */
async function follow(studio: Studio, job: Job, label: string): Promise<InstalledModel> {
  const line = new ProgressLine(label);
  const unsubscribe = studio.events.subscribe((name, payload) => {
    if (name === 'job.progress' && (payload as { job: Job }).job.id === job.id) line.update((payload as { job: Job }).job);
  });
  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    studio.jobs.cancel(job.id);
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const final = await studio.jobs.settled(job.id);
    line.finish();
    if (final.state === 'done') return final.result as InstalledModel;
    if (final.state === 'cancelled') {
      const partial = job.kind === 'model.download' ? ' The partial download is kept: run the same command again to resume it.' : '';
      throw new CancelledByUser(`Stopped.${partial}`);
    }
    throw new AtelierError(final.error?.code ?? 'INTERNAL', final.error?.message ?? 'The job failed.');
  } finally {
    unsubscribe();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

class CancelledByUser extends AtelierError {
  constructor(message: string) {
    super('CANCELLED', message);
  }
}

function describeInstalled(model: InstalledModel): string {
  const active = model.active ? ` It is the active ${model.modality} model.` : ` Make it the active one with 'atelier models use ${model.id}'.`;
  return `Installed ${model.id} (${model.name}, ${formatBytes(model.size)}) at ${model.path}.${active}\n`;
}

async function downloadModel(args: string[], open: () => Promise<Studio>): Promise<number> {
  const { values, positionals } = parseCommand(spec('download', { sha256: { type: 'string' } }), args);
  expectPositionals(positionals, 1, 'the catalog id or URL to download');
  const target = positionals[0] as string;
  const byAddress = target.includes('://') || target.startsWith('hf:');
  if (values.sha256 !== undefined && !byAddress) throw new UsageError('--sha256 is for downloads by address; catalog models carry their own checksums.');
  const sha256 = values.sha256?.toLowerCase();
  const studio = await open();
  const installed = studio.models.list().find((m) => (byAddress ? m.sourceUrl === target : m.catalogId === target));
  if (installed) {
    process.stdout.write(`${installed.id} is already installed at ${installed.path}.\n`);
    return 0;
  }
  const job = byAddress ? await studio.models.downloadUrl(target, sha256) : await studio.models.download(target);
  try {
    const model = await follow(studio, job, job.title);
    process.stdout.write(describeInstalled(model));
    return 0;
  } catch (error) {
    if (error instanceof CancelledByUser) {
      process.stderr.write(`atelier: CANCELLED: ${error.message}\n`);
      return 130;
    }
    throw error;
  }
}

async function importModel(args: string[], open: () => Promise<Studio>): Promise<number> {
  const { values, positionals } = parseCommand(spec('import', { reference: { type: 'boolean' } }), args);
  expectPositionals(positionals, 1, 'the PATH of the model file or folder to import');
  const studio = await open();
  const job = studio.models.import({ path: positionals[0] as string }, values.reference ? 'reference' : 'copy');
  try {
    const model = await follow(studio, job, job.title);
    process.stdout.write(describeInstalled(model).replace(/^Installed/, values.reference ? 'Referenced' : 'Imported'));
    return 0;
  } catch (error) {
    if (error instanceof CancelledByUser) {
      process.stderr.write(`atelier: CANCELLED: ${error.message} Nothing was kept.\n`);
      return 130;
    }
    throw error;
  }
}

async function useModel(args: string[], open: () => Promise<Studio>): Promise<number> {
  const { positionals } = parseCommand(spec('use', {}), args);
  expectPositionals(positionals, 1, 'the ID of the model to use');
  const studio = await open();
  const model = await studio.models.use(positionals[0] as string);
  process.stdout.write(`Now using ${model.name} (${model.id}) for ${model.modality}.\n`);
  return 0;
}

async function removeModel(args: string[], open: () => Promise<Studio>): Promise<number> {
  const { values, positionals } = parseCommand(spec('remove', { yes: { type: 'boolean', short: 'y' } }), args);
  expectPositionals(positionals, 1, 'the ID of the model to remove');
  const studio = await open();
  const model = studio.models.registry.get(positionals[0] as string);
  const what = model.owned ? `delete ${formatBytes(model.size)} of model files` : `forget it (the files at ${model.path} stay)`;
  if (!values.yes) {
    if (!process.stdin.isTTY) throw new UsageError(`removing ${model.id} would ${what}; pass --yes to confirm.`);
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`Remove ${model.name} (${model.id}) and ${what}? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      process.stderr.write('Nothing removed.\n');
      return 1;
    }
  }
  const result = await studio.models.remove(model.id);
  process.stdout.write(`Removed ${model.id}${result.deletedFiles ? ' and its files' : '; its files were left where they are'}.\n`);
  return 0;
}
