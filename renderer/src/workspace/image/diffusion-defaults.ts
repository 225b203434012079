/** Steps and guidance a diffusion model wants, read from its name (distilled models break at SD 1.5's defaults). */
interface DiffusionDefaults {
  steps: number;
  guidance: number;
}

/**
 * SD-Turbo / SDXL-Turbo: 1–4 steps with guidance off (0); LCM: 4–8 steps at 1–2; anything
 * else is treated as SD 1.5-like: 20–30 steps at 7. The middle of each range is the default.
 */
export function diffusionDefaults(modelName: string | undefined): DiffusionDefaults {
  const name = modelName ?? '';
  if (/turbo|lightning|hyper-?sd/i.test(name)) return { steps: 2, guidance: 0 };
  // Not \b: an imported folder is often named with underscores ("lcm_dreamshaper_v7").
  if (/(^|[^a-z])lcm([^a-z]|$)|latent.?consistency/i.test(name)) return { steps: 6, guidance: 1.5 };
  return { steps: 25, guidance: 7 };
}
