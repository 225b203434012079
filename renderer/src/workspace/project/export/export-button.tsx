import { FileDown } from 'lucide-react';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../../../preload/contract.js';
import { useExportRequests } from '../../../state/export-request.js';
import { MOD } from '../../../state/shortcuts.js';
import '../../../styles/export.css';

/** Loaded when first opened: most sessions never export. */
const ExportDialog = lazy(() => import('./export-dialog.js').then((module) => ({ default: module.ExportDialog })));

/** "Export…" for a project: opens the export dialog. While it is on screen, Ctrl/Cmd+E and the desktop menu's File ▸ Export… open it too. */
export function ExportButton({ project }: { project: ProjectSummary }) {
  const [open, setOpen] = useState(false);
  useExportRequests(useCallback(() => setOpen(true), []));

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.repeat || event.key.toLowerCase() !== 'e') return;
      // Another dialog owns the keyboard until it closes.
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setOpen(true);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      <button
        type="button"
        className="button button-small export-button"
        title={`Export the project: zip, HTML, Markdown, Markdown zip, PDF, MP4, WebM (${MOD}+E)`}
        onClick={() => setOpen(true)}
      >
        <FileDown aria-hidden="true" size={14} />
        Export…
      </button>
      {open ? (
        <Suspense fallback={null}>
          <ExportDialog project={project} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
