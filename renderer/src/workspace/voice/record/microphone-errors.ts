/**
 * What went wrong with the microphone, in words a creator can act on. getUserMedia fails
 * with DOMException names; the host (a browser tab, the desktop window) changes the advice.
 */
export function microphoneProblem(error: unknown, button = 'Record'): string {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return `The microphone is blocked. Allow Atelier to use it (in the browser’s site settings, or the system’s privacy settings), then press ${button} again.`;
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return `No microphone was found. Plug one in or turn it on, then press ${button} again.`;
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return `The microphone could not be started: another program may be using it. Close that program, then press ${button} again.`;
    case 'Unsupported':
      return 'This browser cannot record here. Open Atelier at http://127.0.0.1 or localhost (a secure address), or use the desktop app.';
    default:
      return `The microphone could not be used${error instanceof Error && error.message ? `: ${error.message}` : '.'}`;
  }
}
