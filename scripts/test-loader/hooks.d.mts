// Types for test/unit/test-loader.test.ts, which calls the hooks directly (Node's own hook
// types ask for context fields the hooks never read).
interface Resolved {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
interface Loaded {
  format: string;
  source?: string | ArrayBuffer | Uint8Array | null;
  shortCircuit?: boolean;
}
type Context = Record<string, unknown> & { parentURL?: string };
export function initialize(data: { root: string; compiled: string }): void;
export function resolve(specifier: string, context: Context, next: (specifier: string, context: Context) => Resolved | Promise<Resolved>): Promise<Resolved>;
export function load(url: string, context: Context, next: (url: string, context: Context) => Loaded | Promise<Loaded>): Promise<Loaded>;
