export interface ProcessResult {
  code: number;
  output: string;
  seconds: number;
  cpu?: number;
}

export function runProcess(command: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutSeconds?: number }): Promise<ProcessResult>;

export function runFile(
  file: string,
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutSeconds?: number },
): Promise<ProcessResult & { passed: number; failed: number; skipped: number }>;
