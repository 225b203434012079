import { useEffect, useRef, useState } from 'react';

/** Whether a drag carries files from outside the page (the file manager), not one of our own assets or scenes. */
function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Files dragged onto the window from the file manager are imported into the open project.
 * Drop targets inside the page (a scene's picture, the storyboard) handle their own drags
 * and stop them first; this catches what lands anywhere else. While nothing can take files
 * (no project open, an import running) the drop is refused rather than left to the browser,
 * which would open the file in place of the studio. Returns whether files are being dragged
 * over a window that takes them, to show where they will go.
 */
export function useFileDrop(onFiles: (files: File[]) => void, accepting: boolean): boolean {
  const [over, setOver] = useState(false);
  const onFilesRef = useRef(onFiles);
  onFilesRef.current = onFiles;
  const acceptingRef = useRef(accepting);
  acceptingRef.current = accepting;
  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setOver(acceptingRef.current);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const dragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = acceptingRef.current ? 'copy' : 'none';
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (acceptingRef.current && files.length > 0) onFilesRef.current(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', dragOver);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', dragOver);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return over && accepting;
}
