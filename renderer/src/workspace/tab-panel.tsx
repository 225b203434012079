import type { ReactNode } from 'react';
import { panelElementId, tabElementId, type TabId } from '../components/tabs.js';

interface TabPanelProps {
  id: TabId;
  active: TabId;
  title: string;
  subtitle: string;
  children: ReactNode;
}

/** Every panel stays in the DOM (hidden when inactive) so each tab's aria-controls points at something real. */
export function TabPanel({ id, active, title, subtitle, children }: TabPanelProps) {
  return (
    <section role="tabpanel" id={panelElementId(id)} aria-labelledby={tabElementId(id)} hidden={id !== active} tabIndex={0} className="panel">
      <header className="panel-header">
        <h2 className="panel-title">{title}</h2>
        <p className="panel-subtitle">{subtitle}</p>
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
