import { Monitor, Moon, Sun } from 'lucide-react';
import { useId } from 'react';
import type { AppInfo } from '../../../preload/contract.js';
import { SHORTCUTS } from '../state/shortcuts.js';
import type { Theme } from '../state/theme.js';
import { Dialog } from './dialog.js';

const THEMES = [
  { value: 'system', label: 'System', icon: Monitor },
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
] as const satisfies readonly { value: Theme; label: string; icon: unknown }[];

interface SettingsDialogProps {
  theme: Theme;
  onThemeChange(theme: Theme): void;
  info: AppInfo | null;
  onClose(): void;
}

export function SettingsDialog({ theme, onThemeChange, info, onClose }: SettingsDialogProps) {
  const name = useId();
  const shortcutsHeading = useId();

  return (
    <Dialog title="Settings" onClose={onClose} width="wide">
      <div className="settings">
        <fieldset className="settings-group">
          <legend className="settings-label">Theme</legend>
          <div className="segmented">
            {THEMES.map(({ value, label, icon: Icon }) => (
              <label key={value} className="segment">
                <input
                  type="radio"
                  name={name}
                  value={value}
                  checked={theme === value}
                  data-autofocus={theme === value ? true : undefined}
                  onChange={() => onThemeChange(value)}
                />
                <Icon aria-hidden="true" size={15} strokeWidth={1.75} />
                <span>{label}</span>
              </label>
            ))}
          </div>
          <p className="settings-hint">System follows your computer’s light or dark appearance.</p>
        </fieldset>

        <section className="settings-group" aria-labelledby={shortcutsHeading}>
          <h3 id={shortcutsHeading} className="settings-label">
            Keyboard shortcuts
          </h3>
          <dl className="shortcut-list">
            {SHORTCUTS.map((shortcut) => (
              <div key={shortcut.action} className="shortcut-row">
                <dt className="shortcut-keys">
                  {shortcut.keys.map((key) => (
                    <kbd key={key}>{key}</kbd>
                  ))}
                </dt>
                <dd>{shortcut.action}</dd>
              </div>
            ))}
          </dl>
        </section>

        {info ? (
          <p className="settings-about">
            {info.name} {info.version} · {info.host === 'web' ? 'web host' : info.host} · {info.platform}
            <br />
            Data folder: <code>{info.dataFolder}</code>
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
