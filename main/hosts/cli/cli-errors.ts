import { toErrorShape } from '../../../preload/errors.js';

/** A CLI failure: one line on stderr with the code, no stack trace, a non-zero exit. */
export class UsageError extends Error {}

export function reportAndExit(error: unknown): never {
  if (error instanceof UsageError) {
    process.stderr.write(`atelier: ${error.message}\nRun 'atelier --help' for the commands.\n`);
    process.exit(2);
  }
  const { code, message } = toErrorShape(error);
  process.stderr.write(`atelier: ${code}: ${message}\n`);
  process.exit(1);
}
