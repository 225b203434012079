import type { InstalledModel } from '../../../../preload/contract.js';

/** One row of the Image tab's local model list. */
interface ModelOption {
  /** '' means "the active model": the request then names none and main uses whichever is active. */
  value: string;
  label: string;
}

/**
 * Each installed model exactly once. The active one takes the empty value (so a request
 * keeps following the active model) and is marked, rather than appearing again as a separate
 * "Active model" row; only while the list is unknown does a bare "Active model" stand in.
 */
export function localModelOptions(models: readonly Pick<InstalledModel, 'id' | 'name' | 'active'>[] | null, hasLocalModel: boolean): ModelOption[] {
  const active = models?.find((m) => m.active);
  const options = (models ?? []).map((m) => ({ value: m.active ? '' : m.id, label: m.active ? `${m.name} (active)` : m.name }));
  return hasLocalModel && !active ? [{ value: '', label: 'Active model' }, ...options] : options;
}

/** The select's value for a chosen id: the active model's own id shows as its (empty-valued) row. */
export function modelSelectValue(models: readonly Pick<InstalledModel, 'id' | 'active'>[] | null, chosenId: string): string {
  return models?.some((m) => m.active && m.id === chosenId) ? '' : chosenId;
}
