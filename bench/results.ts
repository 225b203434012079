// The results file and the "Latest results" section of bench/README.md. A run of some benches
// replaces only their entries: the others keep the figures (and the machine) they were
// measured with, so a partial run never erases the rest of the record.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import type { BenchEnvironment } from './environment.js';
import { tableMarkdown, type RecordedTable } from './report.js';

export interface BenchResult {
  bench: string;
  environment: BenchEnvironment;
  tables: RecordedTable[];
}

export interface ResultsFile {
  benches: Record<string, BenchResult>;
}

export const START_MARKER = '<!-- results:start -->';
export const END_MARKER = '<!-- results:end -->';

/** Benches in `order` first, then any others (a bench since removed) by name. */
function ordered(names: Iterable<string>, order: readonly string[]): string[] {
  const all = [...new Set(names)];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The previous results with each fresh bench's entry replaced (by bench name). */
export function mergeResults(previous: ResultsFile | undefined, fresh: readonly BenchResult[], order: readonly string[]): ResultsFile {
  const byName = new Map<string, BenchResult>(Object.entries(previous?.benches ?? {}));
  for (const result of fresh) byName.set(result.bench, result);
  const benches: Record<string, BenchResult> = {};
  for (const name of ordered(byName.keys(), order)) benches[name] = byName.get(name) as BenchResult;
  return { benches };
}

function environmentLine(env: BenchEnvironment): string {
  const versions = Object.entries(env.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const commit = `commit ${env.commit}${env.uncommitted ? ' + uncommitted changes' : ''}`;
  const machine = `${env.machine.cpu}, ${env.machine.cores} cores, ${env.machine.memoryGiB} GiB, ${env.machine.os}, load ${env.machine.load1} at start`;
  return `${env.date} · ${commit} · ${machine} · Node ${env.node} · ${versions}`;
}

/** The generated Markdown between the README's markers. */
export function renderResults(results: ResultsFile, order: readonly string[]): string {
  const parts: string[] = [];
  for (const name of ordered(Object.keys(results.benches), order)) {
    const result = results.benches[name] as BenchResult;
    parts.push(`### ${name}`, '', `<sub>${environmentLine(result.environment)}</sub>`);
    for (const table of result.tables) {
      parts.push('', `**${table.title}**`, '', tableMarkdown(table));
      if (table.note) parts.push('', table.note);
    }
    parts.push('');
  }
  return parts.join('\n');
}

/** `readme` with only the text between the markers replaced; a README without them gets the section appended. */
export function replaceSection(readme: string, section: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  const body = `${START_MARKER}\n\n${section.trim()}\n\n${END_MARKER}`;
  if (start === -1 && end === -1) return `${readme.trimEnd()}\n\n## Latest results\n\n${body}\n`;
  if (start === -1 || end === -1 || end < start)
    throw new Error(`bench README: the markers ${START_MARKER} and ${END_MARKER} must both be there, in that order`);
  return readme.slice(0, start) + body + readme.slice(end + END_MARKER.length);
}

export async function readResults(file: string): Promise<ResultsFile | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Partial<ResultsFile>;
  // A file of another shape is not ours to overwrite: stop rather than lose it.
  if (typeof parsed.benches !== 'object' || parsed.benches === null) throw new Error(`${file} is not a bench results file (no "benches" object)`);
  return parsed as ResultsFile;
}

/** Merges `fresh` into `file` (formatted as the repository's prettier check expects) and, when given, regenerates the README's section. */
export async function writeResults(options: { file: string; readme?: string; fresh: readonly BenchResult[]; order: readonly string[] }): Promise<ResultsFile> {
  const merged = mergeResults(await readResults(options.file), options.fresh, options.order);
  const config = (await prettier.resolveConfig(options.file)) ?? {};
  await fs.mkdir(path.dirname(options.file), { recursive: true });
  await fs.writeFile(options.file, await prettier.format(JSON.stringify(merged), { ...config, filepath: options.file }));
  if (options.readme) {
    const readme = await fs.readFile(options.readme, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '# Benchmarks\n';
      throw error;
    });
    await fs.writeFile(options.readme, replaceSection(readme, renderResults(merged, options.order)));
  }
  return merged;
}
