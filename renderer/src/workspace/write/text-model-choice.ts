import type { InstalledModel, RemoteModels } from '../../../../preload/contract.js';

export interface TextModelOption {
  /** What text.generate takes: an installed model id or `remote:<name>/<model>`. */
  id: string;
  label: string;
  /** The remote engine serving it; absent for a model on this computer. */
  remote?: string;
  /** The active local model, used when a request names none. */
  active?: boolean;
}

export interface TextModelChoice {
  local: TextModelOption[];
  remote: TextModelOption[];
  /** What the next action runs with; null when there is no text model anywhere. */
  chosen: TextModelOption | null;
  /** Remotes whose models are missing because they did not answer. */
  unreachable: RemoteModels['unreachable'];
  /** The remotes have not answered yet (their models may still come). */
  pending: boolean;
}

/**
 * The Write tab's model list: this computer's text models first (the active one
 * leading), then each remote's. A choice that has disappeared (its remote removed)
 * falls back to the active model rather than sending work to nowhere.
 */
export function chooseTextModel(installed: InstalledModel[] | null, remotes: RemoteModels | null, wanted: string): TextModelChoice {
  const local = [...(installed ?? [])]
    .sort((a, b) => Number(b.active) - Number(a.active))
    .map((model): TextModelOption => ({ id: model.id, label: model.name, ...(model.active && { active: true }) }));
  const remote = (remotes?.models ?? [])
    .filter((model) => model.modality === 'text')
    .map((model): TextModelOption => ({ id: model.id, label: model.remoteId, remote: model.remote }));
  const chosen = [...local, ...remote].find((option) => option.id === wanted) ?? local.find((option) => option.active) ?? local[0] ?? remote[0] ?? null;
  return { local, remote, chosen, unreachable: remotes?.unreachable ?? [], pending: remotes === null };
}

/** The `model` field of a request: left out for the active local model, as before remotes existed. */
export function requestedModel(choice: TextModelChoice): { model?: string } {
  const chosen = choice.chosen;
  return chosen && !chosen.active ? { model: chosen.id } : {};
}
