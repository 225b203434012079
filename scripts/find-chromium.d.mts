export const CHROMIUM_HINT: string;
export function findChromium(env?: NodeJS.ProcessEnv): string | null;
