import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}

export function EmptyState({ icon: Icon, title, children, actions }: EmptyStateProps) {
  return (
    <div className="empty-state">
      <span className="empty-state-icon">
        <Icon aria-hidden="true" size={22} strokeWidth={1.6} />
      </span>
      <h3 className="empty-state-title">{title}</h3>
      <div className="empty-state-text">{children}</div>
      {actions ? <div className="empty-state-actions">{actions}</div> : null}
    </div>
  );
}
