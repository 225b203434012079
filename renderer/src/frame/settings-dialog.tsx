import { Monitor, Moon, Sun } from 'lucide-react';
import { useId } from 'react';
import type { AppInfo, Settings, SettingsPatch } from '../../../preload/contract.js';
import { SHORTCUTS } from '../state/shortcuts.js';
import type { Theme } from '../state/theme.js';
import { Dialog } from '../components/dialog.js';
import { ApiOriginsField } from './api-origins-field.js';
import { RemoteEnginesSection } from './remote-engines-section.js';

const THEMES = [
  { value: 'system', label: 'System', icon: Monitor },
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
] as const satisfies readonly { value: Theme; label: string; icon: unknown }[];

interface SettingsDialogProps {
  theme: Theme;
  onThemeChange(theme: Theme): void;
  info: AppInfo | null;
  settings: Settings | null;
  onSettingsChange(patch: SettingsPatch): void;
  onClose(): void;
}

const CONTEXT_SIZES = [2048, 4096, 8192, 16384, 32768] as const;

export function SettingsDialog({ theme, onThemeChange, info, settings, onSettingsChange, onClose }: SettingsDialogProps) {
  const name = useId();
  const ids = { threads: useId(), context: useId(), gpu: useId(), imageDevice: useId(), output: useId(), apiOn: useId(), apiPort: useId() };
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

        {settings ? (
          <fieldset className="settings-group">
            <legend className="settings-label">Generation</legend>
            <div className="settings-fields">
              <label className="field" htmlFor={ids.threads}>
                <span className="field-label">CPU threads</span>
                <select
                  id={ids.threads}
                  className="select"
                  value={String(settings.threads)}
                  onChange={(event) => onSettingsChange({ threads: event.target.value === 'auto' ? 'auto' : Number(event.target.value) })}
                >
                  <option value="auto">Automatic</option>
                  {Array.from({ length: Math.max(16, typeof settings.threads === 'number' ? settings.threads : 0) }, (_, i) => i + 1).map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field" htmlFor={ids.context}>
                <span className="field-label">Context size (tokens)</span>
                <select
                  id={ids.context}
                  className="select"
                  value={settings.contextSize}
                  onChange={(event) => onSettingsChange({ contextSize: Number(event.target.value) })}
                >
                  {[...new Set([...CONTEXT_SIZES, settings.contextSize])]
                    .sort((a, b) => a - b)
                    .map((size) => (
                      <option key={size} value={size}>
                        {size.toLocaleString()}
                      </option>
                    ))}
                </select>
              </label>
              <label className="field" htmlFor={ids.gpu}>
                <span className="field-label">GPU offload</span>
                <select
                  id={ids.gpu}
                  className="select"
                  value={settings.gpuOffload}
                  onChange={(event) => onSettingsChange({ gpuOffload: event.target.value === 'off' ? 'off' : 'auto' })}
                >
                  <option value="auto">Automatic</option>
                  <option value="off">Off (CPU only)</option>
                </select>
              </label>
              <label className="field" htmlFor={ids.imageDevice}>
                <span className="field-label">Diffusion device</span>
                <select
                  id={ids.imageDevice}
                  className="select"
                  value={settings.imageDevice}
                  onChange={(event) => onSettingsChange({ imageDevice: event.target.value === 'gpu' ? 'gpu' : 'cpu' })}
                >
                  <option value="cpu">CPU</option>
                  <option value="gpu">GPU when available</option>
                </select>
              </label>
              <label className="field" htmlFor={ids.output}>
                <span className="field-label">Export folder</span>
                <input
                  id={ids.output}
                  className="text-input"
                  type="text"
                  placeholder="The project’s own exports/ folder"
                  defaultValue={settings.outputFolder ?? ''}
                  onBlur={(event) => {
                    const value = event.target.value.trim();
                    if (value !== (settings.outputFolder ?? '')) onSettingsChange({ outputFolder: value === '' ? null : value });
                  }}
                />
              </label>
            </div>
            {/* The API server runs in the desktop app; in a browser, atelier serve already answers /v1. */}
            {info?.host === 'electron' ? (
              <>
                <div className="settings-api">
                  <label className="checkbox" htmlFor={ids.apiOn}>
                    <input
                      id={ids.apiOn}
                      type="checkbox"
                      checked={settings.apiServer.enabled}
                      onChange={(event) => onSettingsChange({ apiServer: { ...settings.apiServer, enabled: event.target.checked } })}
                    />
                    <span>Serve the OpenAI-compatible API to programs on this computer (desktop app)</span>
                  </label>
                  <label className="field" htmlFor={ids.apiPort}>
                    <span className="field-label">API port</span>
                    <input
                      id={ids.apiPort}
                      className="text-input"
                      type="number"
                      min={1024}
                      max={65535}
                      defaultValue={settings.apiServer.port}
                      onBlur={(event) => {
                        const port = Number(event.target.value);
                        if (Number.isInteger(port) && port >= 1024 && port <= 65535 && port !== settings.apiServer.port) {
                          onSettingsChange({ apiServer: { ...settings.apiServer, port } });
                        }
                      }}
                    />
                  </label>
                </div>
                <p className="settings-hint">
                  The API listens on 127.0.0.1 only, at http://127.0.0.1:{settings.apiServer.port}/v1; programs send the key kept in the api-key file of
                  Atelier’s data folder (or ATELIER_API_KEY) as a Bearer token. In a browser, atelier serve already answers /v1 with its launch token.
                </p>
              </>
            ) : null}
            <ApiOriginsField origins={settings.apiCorsOrigins} onChange={(apiCorsOrigins) => onSettingsChange({ apiCorsOrigins })} />
            <p className="settings-hint">
              Automatic threads use your physical cores. A larger context remembers more text and needs more memory. Diffusion on a GPU falls back to the CPU,
              and says so, where no GPU provider starts.
            </p>
          </fieldset>
        ) : null}

        <RemoteEnginesSection />

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
