export interface TestTool {
  name: string;
  path?: string;
  apt: string;
  why: string;
  suites: string[];
}

export function onPath(name: string, env?: NodeJS.ProcessEnv | Record<string, string | undefined>): boolean;
export function missingTools(suites: string[], env?: NodeJS.ProcessEnv | Record<string, string | undefined>): TestTool[];
export function missingToolsHint(missing: TestTool[]): string;
