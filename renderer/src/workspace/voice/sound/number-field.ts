/** A whole or decimal number typed into a field, checked against its range; null when it is not one. */
export function parseInRange(text: string, min: number, max: number, whole: boolean): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) return null;
  if (whole && !Number.isInteger(value)) return null;
  return value;
}
