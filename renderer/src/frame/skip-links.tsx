import type { MouseEvent } from 'react';

/**
 * The first Tab stops: jump past the header and sidebar to the work. Each finds its target
 * in the tab on screen when used (the tabs differ), and falls back to the panel itself.
 */
/** The first element that matches, trying the selectors in order of preference. */
function first(panel: HTMLElement, selectors: readonly string[]): HTMLElement | null {
  for (const selector of selectors) {
    const found = panel.querySelector<HTMLElement>(selector);
    if (found) return found;
  }
  return null;
}

const LINKS: readonly { label: string; find(panel: HTMLElement): HTMLElement | null }[] = [
  {
    label: 'Skip to the editor',
    // The tab's main text (the Write document, a prompt, a script), else the storyboard's card in reach of Tab.
    find: (panel) => first(panel, ['.write-editor', '[data-scene-id][tabindex="0"]', 'textarea:not([disabled])', 'input[type="search"]']),
  },
  {
    label: 'Skip to the result',
    // The Image tab's result; elsewhere the newest thing made (the first item of the tab's list), else the storyboard.
    find: (panel) => first(panel, ['[aria-label="Result"]', '[role="list"] [tabindex="0"]', '[role="list"] button', 'section[aria-label="Storyboard"]']),
  },
  { label: 'Skip to the jobs', find: () => document.querySelector<HTMLElement>('section.job-tray') },
];

function jump(event: MouseEvent<HTMLAnchorElement>, find: (panel: HTMLElement) => HTMLElement | null) {
  event.preventDefault();
  const panel = document.querySelector<HTMLElement>('main [role="tabpanel"]:not([hidden])');
  const target = (panel && find(panel)) ?? panel;
  if (!target) return;
  // Sections are not focusable by themselves; -1 lets the jump land on them without adding a Tab stop.
  if (!target.matches('a[href], button, input, select, textarea, [tabindex]')) target.tabIndex = -1;
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
}

export function SkipLinks() {
  return (
    <nav className="skip-links" aria-label="Skip links">
      {LINKS.map(({ label, find }) => (
        <a key={label} className="skip-link" href="#main" onClick={(event) => jump(event, find)}>
          {label}
        </a>
      ))}
    </nav>
  );
}
