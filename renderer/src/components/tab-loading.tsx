import { LoaderCircle } from 'lucide-react';

/** What a tab shows for the moment its code is on its way (it is split per tab). */
export function TabLoading() {
  return (
    <p className="muted" role="status">
      <LoaderCircle aria-hidden="true" size={14} className="spin" /> Loading…
    </p>
  );
}
