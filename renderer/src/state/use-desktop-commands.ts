import { useEffect, useRef } from 'react';
import type { DesktopCommand } from '../../../preload/desktop-bridge.js';

type DesktopCommandHandlers = Record<DesktopCommand, () => void>;

/** The desktop application menu's commands do what the same keys do in the page; a browser has no menu, so nothing listens there. */
export function useDesktopCommands(handlers: DesktopCommandHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => window.atelierDesktop?.onCommand((command) => ref.current[command]()), []);
}
