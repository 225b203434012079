import os from 'node:os';
import path from 'node:path';

export interface AppPaths {
  home: string;
  settingsFile: string;
  projectsDir: string;
  modelsDir: string;
  logsDir: string;
  trashDir: string;
  incomingDir: string;
  stateFile: string;
}

/**
 * The data folder: ATELIER_HOME when set (tests and the CLI stay contained that
 * way), else the platform's convention (XDG on Linux).
 */
export function resolveDataHome(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, userHome: string = os.homedir()): string {
  if (env.ATELIER_HOME) return path.resolve(env.ATELIER_HOME);
  if (platform === 'darwin') return path.join(userHome, 'Library', 'Application Support', 'Atelier');
  if (platform === 'win32') {
    const appData = env.APPDATA && path.win32.isAbsolute(env.APPDATA) ? env.APPDATA : path.join(userHome, 'AppData', 'Roaming');
    return path.join(appData, 'Atelier');
  }
  const xdg = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(userHome, '.local', 'share');
  return path.join(xdg, 'atelier');
}

export function appPaths(home: string): AppPaths {
  return {
    home,
    settingsFile: path.join(home, 'settings.json'),
    stateFile: path.join(home, 'state.json'),
    projectsDir: path.join(home, 'projects'),
    modelsDir: path.join(home, 'models'),
    logsDir: path.join(home, 'logs'),
    trashDir: path.join(home, 'trash'),
    incomingDir: path.join(home, 'incoming'),
  };
}
