import { Ellipsis, Pencil, Trash } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

interface ProjectMenuProps {
  title: string;
  /** Absent for a project that cannot be renamed (a damaged one). */
  onRename?: () => void;
  onDelete(): void;
}

/** A small menu-button (WAI-ARIA menu pattern) so the list stays quiet until asked. */
export function ProjectMenu({ title, onRename, onDelete }: ProjectMenuProps) {
  // Where the open menu sits, fixed to the viewport so the scrolling project list cannot clip it; null when closed.
  const [position, setPosition] = useState<{ top: number; right: number } | null>(null);
  const open = position !== null;
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onViewportChange = () => setPosition(null);
    window.addEventListener('resize', onViewportChange);
    window.addEventListener('scroll', onViewportChange, true);
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setPosition(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('resize', onViewportChange);
      window.removeEventListener('scroll', onViewportChange, true);
    };
  }, [open]);

  function openMenu() {
    const rect = buttonRef.current?.getBoundingClientRect();
    if (rect) setPosition({ top: rect.bottom + 4, right: window.innerWidth - rect.right });
  }

  function close(refocus: boolean) {
    setPosition(null);
    if (refocus) buttonRef.current?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const focusAt = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        focusAt(index - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(list.length - 1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        close(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  function choose(action: () => void) {
    // Back on the button first, so the dialog that opens next restores focus to it.
    close(true);
    action();
  }

  return (
    <div className="menu-anchor">
      <button
        ref={buttonRef}
        type="button"
        className="icon-button icon-button-small project-menu-button"
        aria-label={`More actions for ${title}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openMenu())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            openMenu();
          }
        }}
      >
        <Ellipsis aria-hidden="true" size={16} />
      </button>
      {position ? (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={`Actions for ${title}`}
          className="menu"
          style={{ top: position.top, right: position.right }}
          onKeyDown={onMenuKeyDown}
        >
          {onRename ? (
            <button type="button" role="menuitem" tabIndex={-1} className="menu-item" onClick={() => choose(onRename)}>
              <Pencil aria-hidden="true" size={14} />
              Rename…
            </button>
          ) : null}
          <button type="button" role="menuitem" tabIndex={-1} className="menu-item menu-item-danger" onClick={() => choose(onDelete)}>
            <Trash aria-hidden="true" size={14} />
            Move to trash…
          </button>
        </div>
      ) : null}
    </div>
  );
}
