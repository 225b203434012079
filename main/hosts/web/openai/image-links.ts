import { randomBytes } from 'node:crypto';

export const IMAGE_LINK_LIFETIME_MS = 10 * 60_000;
const MAX_LINKS = 64;

/**
 * PNGs behind unguessable, expiring paths, for `response_format: "url"`: the link is
 * the credential (an image viewer cannot send a bearer token), so it is random, short
 * lived, and the store keeps only the newest few.
 */
export class ImageLinks {
  private readonly links = new Map<string, { png: Uint8Array; expires: number }>();

  /** `now` is the clock links expire by (tests pass their own, so expiry is checked without waiting ten minutes). */
  constructor(private readonly now: () => number = Date.now) {}

  add(png: Uint8Array): string {
    this.sweep();
    const id = randomBytes(16).toString('hex');
    this.links.set(id, { png, expires: this.now() + IMAGE_LINK_LIFETIME_MS });
    while (this.links.size > MAX_LINKS) this.links.delete(this.links.keys().next().value as string);
    return id;
  }

  get(id: string): Uint8Array | undefined {
    this.sweep();
    return this.links.get(id)?.png;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, link] of this.links) if (link.expires <= now) this.links.delete(id);
  }
}
