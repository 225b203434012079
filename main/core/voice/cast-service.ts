import { AtelierError } from '../../../preload/errors.js';
import { defaultCast, ProjectCastSchema, type ProjectCast } from '../../../preload/schemas/cast.js';
import type { Logger } from '../../platform/log.js';
import { encodeClip } from '../../platform/audio/wav.js';
import { saveGeneratedAsset } from '../assets/save-generated-asset.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { projectCast } from '../projects/project-file.js';
import { narrationPieces } from './narration-marks.js';
import { checkPronunciations } from './pronunciation.js';
import { joinLines } from './script-join.js';
import { parseScript, type ScriptLine } from './script-parse.js';
import { renderScript } from './script-render.js';
import { clipName } from './voice-models.js';
import type { VoiceService } from './voice-service.js';

interface CastDeps {
  voice: VoiceService;
  projects: ProjectStore;
  jobs: JobManager;
  log: Logger;
}

/** The queue of cast narrations; their lines run as steps on each engine's own queue. */
const CAST_QUEUE = 'voice-cast';

/**
 * A project's cast and pronunciation dictionary, and narration with them: a scene's text
 * (plain, or a `NAME: …` script) spoken line by line in each character's voice, marks
 * and dictionary applied, joined into one clip whose origin records who speaks when.
 */
export class CastService {
  constructor(private readonly deps: CastDeps) {}

  /** The open project's cast (the default one for a project saved before casts). */
  get(): ProjectCast {
    return projectCast(this.deps.projects.requireOpen().data);
  }

  /** Replaces the open project's cast; an IPA entry the phonemizer cannot say is refused. */
  async set(cast: ProjectCast): Promise<ProjectCast> {
    const checked = ProjectCastSchema.parse(cast);
    checkPronunciations(checked.pronunciations);
    const open = this.deps.projects.requireOpen();
    const saved = await this.deps.projects.update(open.data.id, (data) => ({ ...data, cast: checked }));
    return projectCast(saved);
  }

  /**
   * The cast narration speaks with. A narrator still at the default (espeak's English) follows
   * the voice picked for narration in the Voice tab or Models (an active Piper or Kokoro voice),
   * as scenes were narrated before casts; a narrator the creator edited keeps its own voice.
   */
  private speakingCast(): ProjectCast {
    const cast = this.get();
    const [first, ...rest] = cast.characters;
    const fallback = defaultCast().characters[0];
    if (
      !first ||
      !fallback ||
      first.engine !== fallback.engine ||
      first.voice !== fallback.voice ||
      first.rate !== fallback.rate ||
      first.pitch !== fallback.pitch
    )
      return cast;
    const picked = this.deps.voice.narrationRequest('');
    if (picked.engine === 'espeak') return cast;
    return { ...cast, characters: [{ ...first, engine: picked.engine, voice: picked.voice }, ...rest] };
  }

  /** The text's lines with their voices; unknown speakers, bad marks and unsayable IPA answer here, before any job. */
  check(text: string): ScriptLine[] {
    this.deps.voice.checkText(text);
    const cast = this.speakingCast();
    checkPronunciations(cast.pronunciations);
    const { lines } = parseScript(text, cast.characters);
    if (lines.length === 0) throw new AtelierError('INVALID_INPUT', 'The script has no lines to speak.');
    for (const line of lines) {
      try {
        if (!narrationPieces(line.text).some((piece) => piece.kind === 'text')) throw new AtelierError('INVALID_INPUT', 'it has only pauses, nothing to say.');
      } catch (error) {
        throw new AtelierError('INVALID_INPUT', `Line ${line.lineNumber}: ${(error as Error).message}`);
      }
    }
    return lines;
  }

  /** `cast.try`: the word in a character's voice with the dictionary applied (an unsaved entry first). */
  async tryWord(request: { word: string; say?: string | undefined; characterId?: string | undefined }): Promise<{ jobId: string }> {
    const cast = this.speakingCast();
    const character = request.characterId ? cast.characters.find((c) => c.id === request.characterId) : cast.characters[0];
    if (!character) throw new AtelierError('NOT_FOUND', `No character with id "${request.characterId}" in the cast.`);
    const entry = request.say ? [{ word: request.word, say: request.say }] : [];
    checkPronunciations(entry);
    const pronunciations = [...entry, ...cast.pronunciations];
    return this.submit(request.word, `Try "${request.word}" · ${character.name}`, [{ character, text: request.word, lineNumber: 1 }], pronunciations, false);
  }

  /** A scene's narration as one clip (`voice.generate`'s result shape: an asset). */
  narrate(text: string): { jobId: string } {
    const lines = this.check(text);
    const { script } = parseScript(text, this.speakingCast().characters);
    return this.submit(text, `Narrate "${clipName(text)}"`, lines, this.get().pronunciations, script);
  }

  private submit(text: string, title: string, lines: ScriptLine[], pronunciations: ProjectCast['pronunciations'], script: boolean): { jobId: string } {
    const { jobs, projects } = this.deps;
    const projectId = projects.requireOpen().data.id;
    let jobId = '';
    const job = jobs.submit({
      kind: 'voice.generate',
      title,
      queue: CAST_QUEUE,
      run: async (context) => {
        // The job may start inside submit(), before its id is known here: read it when a step needs it.
        const rendered = await renderScript(this.deps, projectId, lines, pronunciations, () => jobId, context);
        const { clip, timing } = joinLines(rendered);
        const durationMs = Math.round((clip.samples.length / clip.sampleRate) * 1000);
        const first = lines[0]?.character;
        const engines = new Set(lines.map((line) => line.character.engine));
        const asset = await saveGeneratedAsset(
          this.deps,
          projectId,
          {
            kind: 'audio',
            mime: 'audio/wav',
            ext: 'wav',
            bytes: encodeClip(clip),
            name: `${clipName(text.replace(/^[^:\n]{1,40}:\s*/, ''))}.wav`,
            origin: {
              // One engine spoke it all (plain narration, a one-engine cast): named as its own clips are.
              engine: engines.size === 1 ? ([...engines][0] ?? 'cast') : 'cast',
              prompt: text.slice(0, 2000),
              durationMs,
              parameters: { script, voice: first?.voice ?? 'en', sampleRate: clip.sampleRate, lines: timing.map((t) => ({ ...t })) },
            },
          },
          context.signal,
        );
        const speakers = new Set(timing.map((t) => t.speaker)).size;
        context.progress({ fraction: 1, detail: `${(durationMs / 1000).toFixed(1)} s · ${timing.length} lines · ${speakers} voices` });
        return asset;
      },
    });
    jobId = job.id;
    return { jobId };
  }
}
