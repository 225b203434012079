import type { Asset } from '../../../../preload/contract.js';
import { TEMPLATE_LABELS, type ImageTemplateId } from '../../../../preload/schemas/image.js';

/** How a picture was made, in a few words for its gallery card: "Title card · seed 42 · 1280×720 · 0.2 s". */
export function imageFacts(asset: Asset): string[] {
  const { origin } = asset;
  const p = origin.parameters ?? {};
  const facts: string[] = [];
  if (origin.engine === 'procedural') facts.push(TEMPLATE_LABELS[String(p.template) as ImageTemplateId] ?? 'Procedural');
  else if (origin.engine === 'diffusion') facts.push(origin.model ?? 'Diffusion', `${String(p.steps)} steps`);
  else if (origin.engine === 'edit') facts.push('Edited');
  else if (origin.engine === 'import') facts.push('Imported');
  if (origin.seed !== undefined) facts.push(`seed ${origin.seed}`);
  if (asset.width && asset.height) facts.push(`${asset.width}×${asset.height}`);
  if (origin.engine !== 'import' && origin.durationMs !== undefined) facts.push(`${(origin.durationMs / 1000).toFixed(1)} s`);
  return facts;
}

/** Whether "Vary" and "Reuse settings" have something to work from without reading the file. */
export const isGenerated = (asset: Asset) => asset.origin.engine === 'procedural' || asset.origin.engine === 'diffusion';
