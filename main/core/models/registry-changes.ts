import type { InstalledModel, ModelModality, ModelsChanged } from '../../../preload/contract.js';

const MODALITIES: readonly ModelModality[] = ['text', 'image', 'voice', 'upscaler', 'embedding', 'speech-to-text'];

/** The same id installed again (removed, then imported anew) is a different model. */
function sameModel(a: InstalledModel, b: InstalledModel): boolean {
  return a.id === b.id && a.installedAt === b.installedAt;
}

function activeOf(models: InstalledModel[], modality: ModelModality): string | null {
  return models.find((m) => m.modality === modality && m.active)?.id ?? null;
}

/**
 * The `models.changed` events that turn `before` into `after`, for changes another
 * process made to the models folder: removals first (so an engine unloads what is
 * gone), then installs, then active models that changed among models both lists hold.
 */
export function registryChanges(before: InstalledModel[], after: InstalledModel[]): ModelsChanged[] {
  const out: ModelsChanged[] = [];
  for (const old of before) {
    if (after.some((m) => sameModel(m, old))) continue;
    out.push({ reason: 'removed', id: old.id, modality: old.modality, active: activeOf(after, old.modality), previous: old.active ? old.id : null });
  }
  for (const now of after) {
    if (before.some((m) => sameModel(m, now))) continue;
    out.push({ reason: 'installed', id: now.id, modality: now.modality, active: activeOf(after, now.modality), previous: null });
  }
  for (const modality of MODALITIES) {
    const was = activeOf(before, modality);
    const is = activeOf(after, modality);
    if (is === null || is === was) continue;
    const kept = before.find((m) => m.id === is);
    const stayed = kept !== undefined && after.some((m) => sameModel(m, kept));
    // When the old active one was removed, its `removed` event already named the new one.
    const wasKept = was === null || after.some((m) => m.id === was);
    if (stayed && wasKept) out.push({ reason: 'activated', id: is, modality, active: is, previous: was });
  }
  return out;
}
