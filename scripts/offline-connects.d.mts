export const BROWSER_PROBE: { address: string; port: number; programs: RegExp };

export interface ConnectCounts {
  connect: number;
  loopback: number;
  unix: number;
  unspec: number;
  allowed: number;
  browserProbe: number;
  outbound: number;
}

export function countConnects(
  text: string,
  options?: { allow?: string[]; browserProbe?: boolean },
): { counts: ConnectCounts; byProgram: Map<string, Omit<ConnectCounts, 'connect'>>; outbound: string[] };
