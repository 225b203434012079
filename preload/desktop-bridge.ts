import type { FileRef, Unsubscribe } from './contract.js';

/**
 * What only the desktop window has beside the contract: the application menu's commands
 * and files dropped from the operating system. The renderer never names a path: the
 * preload reads a dropped file's path with Electron's webUtils and main vouches for it.
 */
export const DESKTOP_COMMANDS = [
  'new-project',
  'import-files',
  'import-bundle',
  'export',
  'settings',
  'shortcuts',
  'tab-write',
  'tab-image',
  'tab-voice',
  'tab-project',
  'tab-models',
] as const;
export type DesktopCommand = (typeof DESKTOP_COMMANDS)[number];

export function isDesktopCommand(value: unknown): value is DesktopCommand {
  return typeof value === 'string' && (DESKTOP_COMMANDS as readonly string[]).includes(value);
}

/** Main → window: a menu item was chosen. */
export const MENU_COMMAND_CHANNEL = 'atelier:menu-command';
/** Window → main: the paths of files dropped from the operating system, to be vouched for as file refs. */
export const DROPPED_FILES_CHANNEL = 'atelier:dropped-files';
/** Window → main: the bytes of a take recorded in the Voice tab, kept in incoming/ as an upload would be. */
export const RECORDING_CHANNEL = 'atelier:recording';
/** How many files one drop may bring in; more is refused rather than silently cut. */
export const MAX_DROPPED_FILES = 200;

export interface DesktopBridge {
  onCommand(listener: (command: DesktopCommand) => void): Unsubscribe;
  /** Refs for files dropped from the operating system (files with no path on disk are left out). */
  filesFromDrop(files: readonly File[]): Promise<FileRef[]>;
  /** A ref for a take recorded in the page (a WAV made in memory has no path to vouch for). */
  fileFromRecording(bytes: ArrayBuffer, name: string): Promise<FileRef>;
}
