import { Suspense, type ReactNode } from 'react';
import { TabLoading } from './tab-loading.js';

/** A tab's content, made once the tab has been shown, with a calm placeholder while its code arrives. */
export function LazyTab({ shown, children }: { shown: boolean; children: ReactNode }) {
  return shown ? <Suspense fallback={<TabLoading />}>{children}</Suspense> : null;
}
