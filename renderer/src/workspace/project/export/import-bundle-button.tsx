import { LoaderCircle, PackageOpen } from 'lucide-react';
import { useRef, useState } from 'react';
import { useClient } from '../../../state/client-context.js';
import { useNotify } from '../../../state/notifications.js';
import '../../../styles/export.css';

/**
 * "Import bundle…": an Atelier zip becomes a new project (checked entry by entry in
 * main). The web host uploads the chosen file; the desktop opens its native picker.
 */
export function ImportBundleButton() {
  const client = useClient();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  async function run(files?: FileList) {
    setBusy(true);
    try {
      const opened = await client.importBundle(files);
      if (opened) notify.success(`Imported “${opened.project.title}”`, `${opened.project.sceneCount} scenes, ${opened.project.assetCount} assets.`);
    } catch (error) {
      notify.error(error, 'import the bundle');
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <>
      <button
        type="button"
        className="icon-button icon-button-small"
        aria-label="Import bundle"
        title="Import a project bundle (.zip)"
        disabled={busy}
        onClick={() => (client.host === 'web' ? input.current?.click() : void run())}
      >
        {busy ? <LoaderCircle aria-hidden="true" size={16} className="spin" /> : <PackageOpen aria-hidden="true" size={16} />}
      </button>
      {client.host === 'web' ? (
        <input
          ref={input}
          type="file"
          accept=".zip,application/zip"
          hidden
          aria-hidden="true"
          tabIndex={-1}
          onChange={(event) => void run(event.target.files ?? undefined)}
        />
      ) : null}
    </>
  );
}
