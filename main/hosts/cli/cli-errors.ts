import { toErrorShape } from '../../../preload/errors.js';

/** A CLI failure: one line on stderr with the code, no stack trace, a non-zero exit. */
export class UsageError extends Error {
  /** `helpHint: false` when the message already says what to type instead (it lists the choices). */
  constructor(
    message: string,
    readonly options: { helpHint?: boolean } = {},
  ) {
    super(message);
  }
}

export function reportAndExit(error: unknown): never {
  if (error instanceof UsageError) {
    const hint = error.options.helpHint === false ? '' : `Run 'atelier --help' for the commands.\n`;
    process.stderr.write(`atelier: ${error.message}\n${hint}`);
    process.exit(2);
  }
  const { code, message } = toErrorShape(error);
  process.stderr.write(`atelier: ${code}: ${message}\n`);
  process.exit(1);
}
