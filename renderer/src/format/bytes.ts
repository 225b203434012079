const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** Decimal units, as file managers on every desktop show them. */
export function formatBytes(size: number): string {
  if (size < 1000) return size === 1 ? '1 byte' : `${size} bytes`;
  let value = size;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}
