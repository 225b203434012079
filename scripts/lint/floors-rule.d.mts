import type { Rule } from 'eslint';

export const FLOORS: readonly string[];
export function floorViolation(from: string, to: string): string | null;
export const floorsRule: Rule.RuleModule;
