import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { toErrorShape, type ErrorCode } from '../../../preload/contract.js';
import { hintFor, ownHint } from '../format/error-hints.js';

export type ToastTone = 'error' | 'info' | 'success';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  message?: string;
  hint?: string;
  code?: ErrorCode;
  /** One button that undoes or follows up what the toast reports ("Undo"). */
  action?: ToastAction;
}

export interface ToastAction {
  label: string;
  run(): void;
}

interface Notify {
  /** `action` completes "Could not …", e.g. "create the project". */
  error(error: unknown, action?: string): void;
  info(title: string, message?: string, action?: ToastAction): void;
  success(title: string, message?: string, action?: ToastAction): void;
}

interface NotificationsValue {
  notify: Notify;
  toasts: Toast[];
  dismiss(id: number): void;
}

const NotificationsContext = createContext<NotificationsValue | null>(null);

const MAX_TOASTS = 4;
const CALM_TOAST_MS = 5000;

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const push = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId.current++;
      setToasts((current) => {
        // The same failure repeated (a reconnect loop, a double click) shows once.
        const rest = current.filter((t) => !(t.title === toast.title && t.message === toast.message));
        return [...rest, { ...toast, id }].slice(-MAX_TOASTS);
      });
      // Errors stay until dismissed: a failure that vanishes on its own is nearly a silent one.
      if (toast.tone !== 'error') window.setTimeout(() => dismiss(id), CALM_TOAST_MS);
    },
    [dismiss],
  );

  const notify = useMemo<Notify>(
    () => ({
      error(error, action) {
        const shape = toErrorShape(error);
        if (shape.code === 'CANCELLED') return;
        const hint = ownHint(error);
        push({
          tone: 'error',
          title: action ? `Could not ${action}` : 'Something went wrong',
          message: shape.message,
          hint: (hint === undefined ? hintFor(shape.code, shape.message) : hint) ?? undefined,
          code: shape.code,
        });
      },
      info: (title, message, action) => push({ tone: 'info', title, message, action }),
      success: (title, message, action) => push({ tone: 'success', title, message, action }),
    }),
    [push],
  );

  const value = useMemo(() => ({ notify, toasts, dismiss }), [notify, toasts, dismiss]);
  return <NotificationsContext.Provider value={value}>{children}</NotificationsContext.Provider>;
}

function useNotifications(): NotificationsValue {
  const value = useContext(NotificationsContext);
  if (!value) throw new Error('Notifications need a <NotificationsProvider> above them.');
  return value;
}

export function useNotify(): Notify {
  return useNotifications().notify;
}

export function useToasts(): { toasts: Toast[]; dismiss(id: number): void } {
  const { toasts, dismiss } = useNotifications();
  return { toasts, dismiss };
}
