import sharp from '../../../platform/lazy-sharp.js';

/**
 * A cheap look at a latent without the VAE: SD 1.x's four latent channels map to RGB
 * almost linearly (factors fitted by the community, as ComfyUI and A1111 previews use).
 * One multiply per pixel at latent size, then enlarged to about PREVIEW_EDGE pixels (at most ×8)
 * so the Image tab can show it at a useful size. A JPEG, not a PNG: a noisy latent's PNG at that
 * size is about 400 kB (base64 over IPC and the web socket four times a second) and takes
 * several times as long to encode; the JPEG is about 30 kB.
 */
const LATENT_RGB = [
  [0.3512, 0.2297, 0.3227],
  [0.325, 0.4974, 0.235],
  [-0.2829, 0.1762, 0.2721],
  [-0.212, -0.2616, -0.6178],
] as const;
const PREVIEW_EDGE = 384;

export async function latentPreviewJpeg(latents: Float32Array, index: number, latentWidth: number, latentHeight: number): Promise<Uint8Array> {
  const plane = latentWidth * latentHeight;
  const base = index * 4 * plane;
  const rgb = Buffer.alloc(plane * 3);
  for (let p = 0; p < plane; p += 1) {
    for (let c = 0; c < 3; c += 1) {
      let v = 0;
      for (let ch = 0; ch < 4; ch += 1) v += (latents[base + ch * plane + p] as number) * ((LATENT_RGB[ch] as readonly number[])[c] as number);
      rgb[p * 3 + c] = Math.round(Math.min(1, Math.max(0, (v + 1) / 2)) * 255);
    }
  }
  const scale = Math.max(1, Math.min(8, Math.round(PREVIEW_EDGE / Math.max(latentWidth, latentHeight))));
  return new Uint8Array(
    await sharp(rgb, { raw: { width: latentWidth, height: latentHeight, channels: 3 } })
      .resize(latentWidth * scale, latentHeight * scale, { kernel: 'cubic' })
      .jpeg({ quality: 80 })
      .toBuffer(),
  );
}
