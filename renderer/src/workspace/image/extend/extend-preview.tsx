import type { OutpaintLayout } from '../../../../../preload/outpaint-layout.js';

interface ExtendPreviewProps {
  imageUrl: string | null;
  imageAlt: string;
  layout: OutpaintLayout;
}

/** The new frame drawn to scale, the picture where it will sit and the area to be painted hatched around it. */
export function ExtendPreview({ imageUrl, imageAlt, layout }: ExtendPreviewProps) {
  const { width, height, left, top, pw, ph } = layout;
  const percent = (value: number, of: number) => `${(value / of) * 100}%`;
  return (
    <figure className="extend-preview">
      <div
        className="extend-frame"
        role="img"
        aria-label={`The new frame, ${width} by ${height}: the picture at ${left}, ${top}, the rest painted`}
        // A tall frame is as high as the box allows and as wide as its shape makes it; a wide one the other way round.
        style={{ aspectRatio: `${width} / ${height}`, ...(height > width ? { height: 'var(--extend-side)', width: 'auto' } : { width: '100%' }) }}
        data-width={width}
        data-height={height}
      >
        {imageUrl ? (
          <img
            src={imageUrl}
            alt={imageAlt}
            draggable={false}
            style={{ left: percent(left, width), top: percent(top, height), width: percent(pw, width), height: percent(ph, height) }}
          />
        ) : null}
      </div>
      <figcaption className="inline-field-note">
        {width} × {height} px; the hatched area is new.
      </figcaption>
    </figure>
  );
}
