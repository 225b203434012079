import { toErrorShape } from '../../../preload/errors.js';

/** A CLI failure: one line on stderr with the code, no stack trace, a non-zero exit. */
export class UsageError extends Error {
  /** `helpHint: false` when the message already says what to type instead (it lists the choices). */
  constructor(
    message: string,
    readonly options: { helpHint?: boolean; command?: string } = {},
  ) {
    super(message);
  }
}

/** `--help` or `-h` was given: the usage goes to stdout with exit 0, before any work is done. */
export class HelpRequested extends Error {
  constructor(readonly usage: string) {
    super('help requested');
  }
}

/**
 * The command being run ('project export'), set when its arguments are parsed, so a usage
 * error thrown later in that command points at the right `--help` without each throw naming it.
 */
let currentCommand: string | undefined;

export function enterCommand(name: string): void {
  currentCommand = name;
}

export function reportAndExit(error: unknown): never {
  if (error instanceof HelpRequested) {
    process.stdout.write(`${error.usage.trimEnd()}\n`);
    process.exit(0);
  }
  if (error instanceof UsageError) {
    const command = error.options.command ?? currentCommand;
    const hint = error.options.helpHint === false ? '' : command ? ` See 'atelier ${command} --help'.` : ` See 'atelier --help'.`;
    // One line: a script reading stderr gets the whole complaint in the first line.
    process.stderr.write(`atelier: ${error.message}${hint}\n`);
    process.exit(2);
  }
  const { code, message } = toErrorShape(error);
  process.stderr.write(`atelier: ${code}: ${message}\n`);
  process.exit(1);
}
