import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../preload/contract.js';
import { useClient } from './client-context.js';
import { useNotify } from './notifications.js';
import { applyTheme, cachedTheme, type Theme } from './theme.js';

interface SettingsState {
  settings: Settings | null;
  theme: Theme;
  setTheme(theme: Theme): Promise<void>;
  /** Saves other settings; main validates and answers with all of them. */
  update(patch: SettingsPatch): Promise<void>;
}

export function useSettings(): SettingsState {
  const { api } = useClient();
  const notify = useNotify();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [theme, setThemeState] = useState<Theme>(cachedTheme);

  useEffect(() => {
    let live = true;
    api.settings
      .get({})
      .then((loaded) => {
        if (!live) return;
        setSettings(loaded);
        setThemeState(loaded.theme);
      })
      .catch((error: unknown) => notify.error(error, 'load your settings'));
    return () => {
      live = false;
    };
  }, [api, notify]);

  useEffect(() => applyTheme(theme), [theme]);

  const setTheme = useCallback(
    async (next: Theme) => {
      const previous = theme;
      // Show the change at once; put it back if main refuses to store it.
      setThemeState(next);
      try {
        const saved = await api.settings.set({ theme: next });
        setSettings(saved);
        setThemeState(saved.theme);
      } catch (error) {
        setThemeState(previous);
        notify.error(error, 'save the theme');
      }
    },
    [api, notify, theme],
  );

  const update = useCallback(
    async (patch: SettingsPatch) => {
      try {
        setSettings(await api.settings.set(patch));
      } catch (error) {
        notify.error(error, 'save the setting');
      }
    },
    [api, notify],
  );

  return { settings, theme, setTheme, update };
}
