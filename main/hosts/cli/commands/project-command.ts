import path from 'node:path';
import type { Asset, Job, ProjectSummary, Scene } from '../../../../preload/contract.js';
import { AtelierError } from '../../../../preload/errors.js';
import { STORYBOARD_PROMPT_LIMITS } from '../../../../preload/schemas/storyboard-prompt.js';
import { peekProject } from '../../../core/projects/project-folder.js';
import { createStudio, type Studio } from '../../../app/studio.js';
import { dispatchGroup, parseCommand, subcommandHelp } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { numberFlag } from '../cli-numbers.js';
import { findProject, projectExportCommand, projectImportCommand } from './export-command.js';
import { PROJECT_HELP, PROJECT_SUBCOMMANDS } from '../help/project-help.js';

const { min: MIN_SCENES, max: MAX_SCENES, default: DEFAULT_SCENES } = STORYBOARD_PROMPT_LIMITS.scenes;

const usageOf = (sub: keyof typeof PROJECT_SUBCOMMANDS): string => subcommandHelp('project', PROJECT_SUBCOMMANDS[sub]);

export async function projectCommand(args: string[]): Promise<void> {
  await dispatchGroup(
    {
      name: 'project',
      usage: PROJECT_HELP,
      subcommands: { new: newProject, list: listProjects, show: showProject, export: projectExportCommand, import: projectImportCommand },
    },
    args,
  );
}

/** A model named by path is stored absolute: a storyboard run may resume later, from another folder. */
function modelRef(ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const looksLikePath = ref.includes('/') || ref.includes(path.sep) || ref.toLowerCase().endsWith('.gguf');
  return looksLikePath ? path.resolve(ref) : ref;
}

async function newProject(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    {
      name: 'project new',
      usage: usageOf('new'),
      options: {
        'from-prompt': { type: 'string' },
        scenes: { type: 'string' },
        seed: { type: 'string' },
        'text-model': { type: 'string' },
      },
    },
    args,
  );
  const [title, ...extra] = positionals;
  if (!title?.trim()) throw new UsageError('give the project a title: atelier project new TITLE.');
  if (extra.length > 0) throw new UsageError(`one title (quote it); unexpected '${extra[0]}'.`);
  if (title.trim().length > 120) throw new UsageError('a project title has at most 120 characters.', { helpHint: false });
  const prompt = values['from-prompt'];
  if (prompt === undefined && (values.scenes !== undefined || values.seed !== undefined || values['text-model'] !== undefined)) {
    throw new UsageError('--scenes, --seed and --text-model go with --from-prompt TEXT.', { helpHint: false });
  }
  const sceneCount = numberFlag(values.scenes, '--scenes', MIN_SCENES, MAX_SCENES, true) ?? DEFAULT_SCENES;
  const seed = numberFlag(values.seed, '--seed', 0, 0xffff_ffff, true);

  const studio = await createStudio({ host: 'cli' });
  try {
    if (prompt === undefined) {
      const project = (await studio.call('projects.create', { title: title.trim() })) as ProjectSummary;
      process.stdout.write(`Created "${project.title}" as ${project.id} in ${project.path}\n`);
      return;
    }
    const request = {
      prompt,
      sceneCount,
      title: title.trim(),
      ...(seed !== undefined && { seed }),
      ...(values['text-model'] !== undefined && { model: modelRef(values['text-model']) }),
    };
    const { jobId, projectId } = (await studio.call('storyboard.fromPrompt', request)) as { jobId: string; projectId: string };
    await followStoryboard(studio, jobId);
    const summary = (await studio.projects.list()).find((p) => p.id === projectId) as ProjectSummary;
    process.stdout.write(`Created "${summary.title}" (${summary.sceneCount} scenes, ${summary.assetCount} assets) as ${summary.id} in ${summary.path}\n`);
  } finally {
    await studio.dispose();
  }
}

/** Prints each new step of the run on standard error; Ctrl+C stops it (the project keeps what is finished). */
async function followStoryboard(studio: Studio, jobId: string): Promise<void> {
  let lastDetail = '';
  const unsubscribe = studio.events.subscribe((name, payload) => {
    const job = (payload as { job?: Job }).job;
    // One line per step, not per streamed token.
    if (name !== 'job.progress' || job?.id !== jobId || !job.detail || job.detail === lastDetail) return;
    lastDetail = job.detail;
    const percent = job.progress === null ? '' : ` (${Math.floor(job.progress * 100)}%)`;
    process.stderr.write(`storyboard: ${job.detail}${percent}\n`);
  });
  const onSigint = () => studio.jobs.cancel(jobId);
  process.on('SIGINT', onSigint);
  try {
    const final = await studio.jobs.settled(jobId);
    if (final.state === 'cancelled')
      throw new AtelierError('CANCELLED', 'Stopped; the project keeps the scenes that were finished (the Project tab can resume the run).');
    if (final.state !== 'done') throw new AtelierError(final.error?.code ?? 'INTERNAL', final.error?.message ?? 'The storyboard run failed.');
  } finally {
    unsubscribe();
    process.off('SIGINT', onSigint);
  }
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

async function listProjects(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand({ name: 'project list', usage: usageOf('list'), options: { json: { type: 'boolean' } } }, args);
  if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'.`);
  const studio = await createStudio({ host: 'cli' });
  try {
    const projects = await studio.projects.list();
    if (values.json) {
      process.stdout.write(`${JSON.stringify(projects, null, 2)}\n`);
      return;
    }
    if (projects.length === 0) {
      process.stdout.write("No projects yet. Make one with 'atelier project new TITLE'.\n");
      return;
    }
    const rows = [['ID', 'TITLE', 'SCENES', 'ASSETS', 'UPDATED', 'PATH']];
    // A damaged project is listed so it can be found and mended; its counts are unknown.
    for (const p of projects)
      rows.push([
        p.id,
        p.status === 'damaged' ? `${p.title} [damaged]` : p.title,
        String(p.sceneCount),
        String(p.assetCount),
        p.updatedAt.slice(0, 16).replace('T', ' '),
        p.path,
      ]);
    process.stdout.write(`${table(rows)}\n`);
  } finally {
    await studio.dispose();
  }
}

interface ShownScene {
  id: string;
  title: string;
  text: string;
  /** Absolute paths of the attached files; null when the scene has none. */
  image: string | null;
  narration: string | null;
  bed: string | null;
  imageAssetId?: string;
  narrationAssetId?: string;
  bedAssetId?: string;
}

function fileOf(dir: string, assets: Record<string, Asset>, id: string | undefined): string | null {
  const asset = id !== undefined && Object.hasOwn(assets, id) ? assets[id] : undefined;
  return asset ? path.join(dir, asset.file) : null;
}

function showScene(dir: string, assets: Record<string, Asset>, scene: Scene): ShownScene {
  return {
    id: scene.id,
    title: scene.title,
    text: scene.text,
    image: fileOf(dir, assets, scene.imageAssetId),
    narration: fileOf(dir, assets, scene.narrationAssetId),
    bed: fileOf(dir, assets, scene.bedAssetId),
    ...(scene.imageAssetId !== undefined && { imageAssetId: scene.imageAssetId }),
    ...(scene.narrationAssetId !== undefined && { narrationAssetId: scene.narrationAssetId }),
    ...(scene.bedAssetId !== undefined && { bedAssetId: scene.bedAssetId }),
  };
}

async function showProject(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand({ name: 'project show', usage: usageOf('show'), options: { json: { type: 'boolean' } } }, args);
  const [ref, ...extra] = positionals;
  if (!ref) throw new UsageError('name the project: atelier project show TITLE_OR_ID.');
  if (extra.length > 0) throw new UsageError(`one project at a time; unexpected '${extra[0]}'.`);
  const studio = await createStudio({ host: 'cli' });
  try {
    const summary = await findProject(studio, ref);
    const { data } = await peekProject(summary.path);
    const scenes = data.scenes.map((scene) => showScene(summary.path, data.assets, scene));
    if (values.json) {
      const shown = {
        id: data.id,
        title: data.title,
        path: summary.path,
        createdAt: data.createdAt,
        updatedAt: data.updatedAt,
        assetCount: Object.keys(data.assets).length,
        scenes,
      };
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      return;
    }
    const lines = [
      `${data.title}  (${data.id})`,
      summary.path,
      `${scenes.length} scene${scenes.length === 1 ? '' : 's'}, ${Object.keys(data.assets).length} assets`,
      '',
    ];
    scenes.forEach((scene, index) => {
      lines.push(`${index + 1}. ${scene.title || '(untitled)'}`);
      if (scene.text) lines.push(`   ${scene.text.replace(/\s+/g, ' ').slice(0, 300)}`);
      lines.push(`   image:     ${scene.image ?? '-'}`, `   narration: ${scene.narration ?? '-'}`);
      if (scene.bed) lines.push(`   sound bed: ${scene.bed}`);
    });
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await studio.dispose();
  }
}
