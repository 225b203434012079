import { KeyRound } from 'lucide-react';
import { BrandMark } from './components/brand-mark.js';

export function MissingTokenPage() {
  return (
    <main className="gate">
      <div className="gate-card">
        <div className="brand">
          <BrandMark size={28} />
          <span className="brand-name">Atelier</span>
        </div>
        <span className="empty-state-icon">
          <KeyRound aria-hidden="true" size={22} strokeWidth={1.6} />
        </span>
        <h1 className="gate-title">Open Atelier from its link</h1>
        <p className="gate-text">
          This page needs the link that <code>atelier serve</code> printed (it carries a one-time key).
        </p>
        <p className="gate-hint">
          It looks like <code>http://127.0.0.1:PORT/?token=…</code>. Copy it from the terminal where Atelier is running. If you closed that terminal, run{' '}
          <code>atelier serve</code> again for a new link.
        </p>
      </div>
    </main>
  );
}
