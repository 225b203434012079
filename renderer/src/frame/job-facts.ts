/** A figure like "24%" or "24.5 %" inside a job's detail. */
const PERCENT = /\s*\b\d+(?:\.\d+)?\s?%/g;
const HAS_PERCENT = /\d\s?%/;

/**
 * A running job's detail beside its own percentage: the tray shows one progress figure
 * per job, so a percentage inside the detail ("encoding MP4 24%", a step's own count) goes.
 */
export function progressDetail(detail: string | undefined, showsPercent: boolean): string | undefined {
  if (!detail) return undefined;
  if (!showsPercent) return detail;
  const cleaned = detail
    .replace(PERCENT, '')
    .replace(/\s+·\s*$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return cleaned === '' ? undefined : cleaned;
}

/**
 * What a finished job's last detail still says that is worth reading: a result ("12 tokens
 * · 3.4 tok/s", "Picture attached"), not the last progress step ("Copying 547 kB of 547 kB",
 * "Writing…", "99%"), which only repeats "Done".
 */
export function finishedDetail(detail: string | undefined): string | undefined {
  if (!detail) return undefined;
  const text = detail.trim();
  return /…$|\.\.\.$/.test(text) || /\bof\b/.test(text) || HAS_PERCENT.test(text) ? undefined : text;
}
