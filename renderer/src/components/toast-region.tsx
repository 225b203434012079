import { CircleCheck, CircleX, Info, X } from 'lucide-react';
import { useToasts, type Toast } from '../state/notifications.js';

const ICONS = { error: CircleX, info: Info, success: CircleCheck } as const;

export function ToastRegion() {
  const { toasts, dismiss } = useToasts();
  return (
    <section className="toast-region" aria-label="Notifications">
      {toasts.map((toast) => (
        <ToastCard key={toast.id} toast={toast} onDismiss={() => dismiss(toast.id)} />
      ))}
    </section>
  );
}

function ToastCard({ toast, onDismiss }: { toast: Toast; onDismiss(): void }) {
  const Icon = ICONS[toast.tone];
  return (
    <div className="toast" data-tone={toast.tone} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <Icon aria-hidden="true" size={16} className="toast-icon" />
      <div className="toast-text">
        <p className="toast-title">{toast.title}</p>
        {toast.message ? <p className="toast-message">{toast.message}</p> : null}
        {toast.hint ? <p className="toast-hint">{toast.hint}</p> : null}
        {toast.action ? (
          <button
            type="button"
            className="link-button toast-action"
            onClick={() => {
              toast.action?.run();
              onDismiss();
            }}
          >
            {toast.action.label}
          </button>
        ) : null}
      </div>
      <button type="button" className="icon-button icon-button-small" aria-label="Dismiss" onClick={onDismiss}>
        <X aria-hidden="true" size={14} />
      </button>
    </div>
  );
}
