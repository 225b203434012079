import { useCallback, useEffect, useRef, useState } from 'react';
import { toErrorShape, type ErrorShape, type ProjectCast } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';

interface CastState {
  /** What the section shows: the saved cast with the edits not saved yet. */
  draft: ProjectCast | null;
  /** The last save's refusal (a duplicate name, an IPA symbol), until the next good save. */
  error: ErrorShape | null;
  saving: boolean;
  /** Changes the draft; `save` also sends it (text fields save when they lose the focus). */
  change(next: ProjectCast, save?: boolean): void;
  save(): void;
}

/** The open project's cast, read once per project and saved whole with `cast.set`. */
export function useCast(projectId: string): CastState {
  const { api } = useClient();
  const [draft, setDraft] = useState<ProjectCast | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  const [saving, setSaving] = useState(false);
  const latest = useRef<ProjectCast | null>(null);

  useEffect(() => {
    let live = true;
    api.cast
      .get()
      .then((cast) => {
        if (!live) return;
        latest.current = cast;
        setDraft(cast);
      })
      .catch((failure: unknown) => live && setError(toErrorShape(failure)));
    return () => {
      live = false;
    };
  }, [api, projectId]);

  const save = useCallback(() => {
    const cast = latest.current;
    if (!cast) return;
    setSaving(true);
    // A dictionary row still being typed is kept on screen, not sent (the contract would refuse it).
    const complete = { ...cast, pronunciations: cast.pronunciations.filter((p) => p.word.trim() !== '' && p.say.trim() !== '') };
    api.cast
      .set(complete)
      .then(() => setError(null))
      .catch((failure: unknown) => setError(toErrorShape(failure)))
      .finally(() => setSaving(false));
  }, [api]);

  const change = useCallback(
    (next: ProjectCast, andSave = false) => {
      latest.current = next;
      setDraft(next);
      if (andSave) save();
    },
    [save],
  );

  return { draft, error, saving, change, save };
}
