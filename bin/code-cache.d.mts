// Types for bin/code-cache.mjs (plain JavaScript, so `bin/atelier.mjs` runs it unbuilt).
export function codeCacheDir(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, homedir?: () => string): string | undefined;
export function runWithCodeCache(file: string, dir: string | undefined): boolean;
