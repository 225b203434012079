import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import type { Pronunciation } from '../../../preload/schemas/cast.js';
import { decodeWav, type Clip } from '../../platform/audio/wav.js';
import type { JobContext, JobManager } from '../jobs/job-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { parseCallInput } from '../rpc/dispatch.js';
import { runChildJob } from '../storyboard/child-job.js';
import { narrationPieces, stripMarks } from './narration-marks.js';
import { applyPronunciations } from './pronunciation.js';
import type { RenderedLine } from './script-join.js';
import type { ScriptLine } from './script-parse.js';
import type { VoiceService } from './voice-service.js';

interface ScriptRenderDeps {
  voice: VoiceService;
  jobs: JobManager;
  projects: ProjectStore;
}

/** Reads a step's clip and removes it from the project: it lives on inside the joined clip. */
async function takeClip(projects: ProjectStore, projectId: string, assetId: string): Promise<Clip> {
  const open = projects.requireOpen();
  if (open.data.id !== projectId) throw new AtelierError('NO_PROJECT_OPEN', 'The project was closed while its narration was being made.');
  const asset = open.data.assets[assetId];
  if (!asset) throw new AtelierError('INTERNAL', `The spoken line ${assetId} is not in the project.`);
  const file = path.join(open.dir, asset.file);
  const bytes = await fs.readFile(file);
  await projects.update(projectId, (data) => {
    const assets = { ...data.assets };
    delete assets[assetId];
    return { ...data, assets };
  });
  await fs.rm(file, { force: true });
  return decodeWav(bytes);
}

/**
 * Every line in its character's voice, in order. Each run of speech is a `voice.generate`
 * step of the parent job, so any engine the voice service knows (a new one included)
 * speaks a line exactly as it would in the Voice tab, on its own queue, cancellable.
 * The dictionary is applied to the speech, after the marks were read.
 */
export async function renderScript(
  deps: ScriptRenderDeps,
  projectId: string,
  lines: readonly ScriptLine[],
  pronunciations: readonly Pronunciation[],
  parentId: () => string,
  context: JobContext,
): Promise<RenderedLine[]> {
  const rendered: RenderedLine[] = [];
  for (const [i, line] of lines.entries()) {
    const { character } = line;
    context.progress({ fraction: i / lines.length, detail: `Line ${i + 1} of ${lines.length} · ${character.name}` });
    const parts: RenderedLine['parts'] = [];
    for (const piece of narrationPieces(line.text)) {
      if (piece.kind === 'pause') {
        parts.push(piece);
        continue;
      }
      const text = applyPronunciations(piece.text, pronunciations, { phonemeInput: character.engine !== 'remote' });
      const request = parseCallInput('voice.generate', {
        text,
        engine: character.engine,
        voice: character.voice,
        rate: character.rate,
        pitch: character.pitch,
        ...(character.speaker !== undefined && { speaker: character.speaker }),
      });
      const assetId = await runChildJob(deps.jobs, parentId, context.signal, () => deps.voice.generate(request));
      parts.push({ kind: 'speech', clip: await takeClip(deps.projects, projectId, assetId) });
    }
    rendered.push({ characterId: character.id, speaker: character.name, caption: stripMarks(line.text), parts });
  }
  return rendered;
}
