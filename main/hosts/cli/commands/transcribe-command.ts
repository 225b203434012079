import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';
import { TRANSCRIPT_FORMATS, TranscribeLanguageSchema, type TranscriptFormat } from '../../../../preload/schemas/transcribe.js';
import { createStudio } from '../../../app/studio.js';
import { writeFileAtomic } from '../../../core/files/atomic-write.js';
import { renderTranscript } from '../../../core/listen/transcript-files.js';
import { SHARED_FILE_MODE } from '../../../platform/private-files.js';
import { atMost, parseCommand } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { TRANSCRIBE_HELP } from '../help/transcribe-help.js';

function formatOf(flag: string | undefined, out: string | undefined): TranscriptFormat {
  const wanted = flag ?? (out ? path.extname(out).slice(1).toLowerCase() : 'txt');
  if ((TRANSCRIPT_FORMATS as readonly string[]).includes(wanted)) return wanted as TranscriptFormat;
  if (flag === undefined) return 'txt';
  throw new UsageError(`--format must be one of ${TRANSCRIPT_FORMATS.join(', ')}, not "${flag}".`, { helpHint: false });
}

export async function transcribeCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    {
      name: 'transcribe',
      usage: TRANSCRIBE_HELP,
      options: {
        language: { type: 'string' },
        model: { type: 'string' },
        format: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
    },
    args,
  );
  const [file] = positionals;
  if (file === undefined) throw new UsageError('name the audio or video file to transcribe.');
  atMost(positionals, 1);
  const format = formatOf(values.format, values.output);
  const language = values.language?.trim().toLowerCase() ?? 'auto';
  if (!TranscribeLanguageSchema.safeParse(language).success) {
    throw new UsageError(`--language must be auto or a language code such as en or de, not "${values.language}".`, { helpHint: false });
  }
  const studio = await createStudio({ host: 'cli' });
  let text: string;
  let summary: string;
  try {
    const model = await studio.transcribe.modelFrom(values.model);
    const transcript = await studio.transcribe.transcribe(path.resolve(file), { model, language }, new AbortController().signal, () => undefined);
    text = renderTranscript(transcript, format);
    summary = `${transcript.segments.length} segment${transcript.segments.length === 1 ? '' : 's'}, ${transcript.duration.toFixed(1)} s, language ${transcript.language || 'none heard'}, model ${transcript.model}`;
  } finally {
    await studio.dispose();
  }
  if (!values.output) {
    process.stdout.write(text);
    return;
  }
  await writeFileAtomic(path.resolve(values.output), new TextEncoder().encode(text), { mode: SHARED_FILE_MODE }).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'ENOENT' ? 'its folder does not exist' : error.code === 'EACCES' ? 'permission denied' : error.message;
    throw new AtelierError('IO_ERROR', `cannot write ${values.output}: ${reason}.`);
  });
  process.stdout.write(`Wrote ${values.output} (${format}): ${summary}\n`);
}
