/** The Atelier mark: an easel-like "A" on the accent tile. Drawn inline so it follows the theme. */
export function BrandMark({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="brand-mark">
      <rect width="24" height="24" rx="6" className="brand-mark-tile" />
      <path d="M7 18 L12 6 L17 18 M9.2 13.2 H14.8" fill="none" className="brand-mark-stroke" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="17.5" cy="7" r="1.6" className="brand-mark-dot" />
    </svg>
  );
}
