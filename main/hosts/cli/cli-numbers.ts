import { UsageError } from './cli-errors.js';

/** A numeric flag within [min, max], or a usage error that names the flag and the range. */
export function numberFlag(raw: string | undefined, flag: string, min: number, max: number, integer = false): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${flag} must be a ${integer ? 'whole ' : ''}number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}
