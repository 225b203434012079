import { isTrustedRendererUrl } from './trusted-urls.js';

/**
 * The window's permissions: the microphone for the Voice tab's Record button, and nothing
 * else. Written against the few Electron shapes it touches (the handlers' `details`
 * arguments) so unit tests drive it with plain objects; electron-main passes the real session.
 */

/** Electron's details for a permission request (`mediaTypes` only for 'media'). */
export interface PermissionRequestDetails {
  requestingUrl?: string;
  mediaTypes?: readonly string[];
  isMainFrame?: boolean;
}

/** Electron's details for a permission check (`mediaType` only for 'media'). */
export interface PermissionCheckDetails {
  requestingUrl?: string;
  mediaType?: string;
  isMainFrame?: boolean;
}

export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details?: PermissionRequestDetails) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin?: string, details?: PermissionCheckDetails) => boolean): void;
}

/** A request the studio makes: audio and only audio (no camera, no screen), from its own page's main frame. */
function isMicrophoneRequest(permission: string, details: PermissionRequestDetails | undefined): boolean {
  if (permission !== 'media' || !details) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'audio') && details.isMainFrame !== false && isTrustedRendererUrl(details.requestingUrl);
}

/** A check (before a request, or enumerateDevices' labels): the same, where Electron names one media type. */
function isMicrophoneCheck(permission: string, origin: string | undefined, details: PermissionCheckDetails | undefined): boolean {
  if (permission !== 'media' || details?.mediaType !== 'audio' || details.isMainFrame === false) return false;
  return isTrustedRendererUrl(origin) && (details.requestingUrl === undefined || isTrustedRendererUrl(details.requestingUrl));
}

/** Grants the studio's own page the microphone; refuses every other permission, media type and origin. */
export function installPermissionHandlers(session: PermissionSession, note?: (message: string) => void): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isMicrophoneRequest(permission, details);
    if (!granted)
      note?.(
        `refused the permission ${permission}${details?.mediaTypes ? ` (${details.mediaTypes.join(', ')})` : ''} to ${details?.requestingUrl ?? '(unknown)'}`,
      );
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, origin, details) => isMicrophoneCheck(permission, origin, details));
}
