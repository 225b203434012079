/** Text as a search compares it: accents dropped, lower case ("Élan" finds "elan"). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
