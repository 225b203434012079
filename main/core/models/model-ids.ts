/** Turns a model's name into an id that is also a safe folder name: "Qwen2.5 0.5B Instruct" → "qwen2.5-0.5b-instruct". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 64)
    .replace(/[-._]+$/g, '');
  return slug || 'model';
}

/** `base`, or `base-2`, `base-3`… whichever is free. */
export function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/** The file name at the end of a URL, without its query: ".../Qwen-Q4_K_M.gguf?download=1" → "Qwen-Q4_K_M.gguf". */
export function fileNameOfUrl(url: string): string {
  const pathname = new URL(url).pathname;
  const last = decodeURIComponent(pathname.split('/').filter(Boolean).pop() ?? '');
  return last.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '') || 'model';
}
